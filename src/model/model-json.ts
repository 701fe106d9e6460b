/**
 * model.json, the description half of a saved model (weights.bin holds the numbers):
 *
 *   { "format": "backprop-model", "formatVersion": 2,
 *     "modelTopology": { "className": "Sequential", "config": { "name", "layers": [{ "className", "config" }] } },
 *     "buildInputShape": [null, 3],
 *     "compileConfig": { "optimizer": { "className", "config" }, "loss": "meanSquaredError", "metrics": ["accuracy"] },
 *     "optimizerState": { "iterations": 40 },       // slots are in weights.bin, group "optimizer"
 *     "training": { "epoch": 2 },
 *     "weightsManifest": { "file": "weights.bin", "byteLength", "crc32", "weights": [{ "name", "shape", "dtype", "offset", "byteLength", "group" }] } }
 *
 * The file comes from anywhere, so every field is checked (type, range, and the weights' shapes
 * against their byte counts) before anything is built or allocated from it.
 */
import { bytesPerElement, DTYPES, type DType } from "../backend/dtype.js";
import { FormatError } from "../errors.js";
import type { Shape } from "../nn/layers/layer.js";
import type { SavedLoss } from "./compile.js";
import type { WeightEntry, WeightsManifest } from "./weights-file.js";

export const FORMAT = "backprop-model";
/**
 * Bumped when the layout changes incompatibly; loadModel refuses files from a newer version.
 *
 * @example
 * bp.MODEL_FORMAT_VERSION;   // => 2
 */
export const FORMAT_VERSION = 2;
/** The largest model.json read, bytes. */
export const MAX_MODEL_JSON_BYTES = 64 * 2 ** 20;
/** The largest weights file read, bytes (the wasm backend's memory ends at 4 GiB). */
export const MAX_WEIGHTS_BYTES = 4 * 2 ** 30;
const MAX_RANK = 8;
const MAX_DIM = 2 ** 31 - 1;

export interface LayerJson {
  className: string;
  config: Record<string, unknown>;
}

export interface ModelJson {
  format: typeof FORMAT;
  formatVersion: number;
  generatedBy: string;
  modelTopology: { className: "Sequential"; config: { name: string; layers: LayerJson[] } };
  buildInputShape: Shape | null;
  compileConfig: { optimizer: LayerJson; loss: SavedLoss | null; metrics: string[] } | null;
  optimizerState: { iterations: number } | null;
  training: { epoch: number };
  weightsManifest: WeightsManifest;
}

/**
 * Version 1 predates the exact gelu: its "gelu" was the tanh form, which is "geluApproximate" now.
 * Version 2 changed nothing else.
 */
function readV1Gelu(config: Record<string, unknown>): void {
  for (const key of ["activation", "recurrentActivation"]) if (config[key] === "gelu") config[key] = "geluApproximate";
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const isCount = (v: unknown, max = Number.MAX_SAFE_INTEGER): v is number =>
  Number.isInteger(v) && (v as number) >= 0 && (v as number) <= max;
const show = (v: unknown): string => {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
};

type Fail = (field: string, what: string, got?: unknown) => never;

function checkLayer(l: unknown, field: string, fail: Fail): LayerJson {
  if (!isObject(l) || typeof l.className !== "string" || !isObject(l.config))
    fail(field, 'must be { "className", "config" }', l);
  return l as unknown as LayerJson;
}

function checkInputShape(v: unknown, fail: Fail): Shape | null {
  if (v === null || v === undefined) return null;
  const ok =
    Array.isArray(v) &&
    v.length >= 1 &&
    v.length <= MAX_RANK &&
    v.every((d) => d === null || (Number.isInteger(d) && d > 0 && d <= MAX_DIM));
  if (!ok)
    fail(
      "buildInputShape",
      `must be null or [null, ...sizes] with up to ${MAX_RANK} positive integers or null`,
      v,
    );
  return v as Shape;
}

function checkCompile(v: unknown, fail: Fail): ModelJson["compileConfig"] {
  if (v === null || v === undefined) return null;
  if (!isObject(v)) fail("compileConfig", "must be an object or null", v);
  const c = v as Record<string, unknown>;
  const o = c.optimizer;
  if (!isObject(o) || typeof o.className !== "string" || !isObject(o.config))
    fail("compileConfig.optimizer", 'must be { "className", "config" }', o);
  const loss = c.loss;
  const lossOk =
    loss === null ||
    typeof loss === "string" ||
    (isObject(loss) && typeof loss.name === "string" && isObject(loss.options));
  if (!lossOk) fail("compileConfig.loss", 'must be a loss name, { "name", "options" } or null', loss);
  const metrics = c.metrics ?? [];
  if (!Array.isArray(metrics) || !metrics.every((m) => typeof m === "string"))
    fail("compileConfig.metrics", "must be an array of strings", metrics);
  return {
    optimizer: o as unknown as LayerJson,
    loss: loss as SavedLoss | null,
    metrics: metrics as string[],
  };
}

function checkEntry(e: unknown, i: number, total: number, fail: Fail): WeightEntry {
  const f = `weightsManifest.weights[${i}]`;
  if (!isObject(e)) fail(f, "must be an object", e);
  const w = e as Record<string, unknown>;
  if (typeof w.name !== "string" || w.name === "") fail(`${f}.name`, "must be a non-empty string", w.name);
  if (typeof w.dtype !== "string" || !DTYPES.includes(w.dtype as DType))
    fail(`${f}.dtype`, `must be one of ${DTYPES.map((d) => `"${d}"`).join(", ")}`, w.dtype);
  const width = bytesPerElement(w.dtype as DType);
  const shape = w.shape;
  if (!Array.isArray(shape) || shape.length > MAX_RANK || !shape.every((d) => isCount(d, MAX_DIM))) {
    fail(`${f}.shape`, `must be up to ${MAX_RANK} non-negative integers`, shape);
  }
  const elements = (shape as number[]).reduce((a, b) => a * b, 1);
  if (elements * width > total)
    fail(
      `${f}.shape`,
      `[${(shape as number[]).join(",")}] needs ${elements * width} bytes but weights file holds ${total}`,
    );
  if (!isCount(w.offset, total)) fail(`${f}.offset`, `must be an integer in 0..${total}`, w.offset);
  if (w.byteLength !== elements * width)
    fail(
      `${f}.byteLength`,
      `must be ${elements * width} for shape [${(shape as number[]).join(",")}] ${String(w.dtype)}`,
      w.byteLength,
    );
  if ((w.offset as number) + elements * width > total)
    fail(
      f,
      `bytes ${String(w.offset)}..${(w.offset as number) + elements * width} lie beyond the ${total} bytes of the weights file`,
    );
  if (w.group !== "model" && w.group !== "optimizer")
    fail(`${f}.group`, 'must be "model" or "optimizer"', w.group);
  return {
    name: w.name as string,
    shape: [...(shape as number[])],
    dtype: w.dtype as DType,
    offset: w.offset as number,
    byteLength: w.byteLength as number,
    group: w.group as WeightEntry["group"],
  };
}

function checkManifest(v: unknown, fail: Fail): WeightsManifest {
  if (!isObject(v)) fail("weightsManifest", "must be { file, byteLength, crc32, weights: [...] }", v);
  const wm = v as Record<string, unknown>;
  const file = wm.file;
  if (
    typeof file !== "string" ||
    file === "" ||
    file === "." ||
    file === ".." ||
    file.includes("/") ||
    file.includes("\\") ||
    file.includes("\0")
  ) {
    fail("weightsManifest.file", "must be a plain file name", file);
  }
  if (!isCount(wm.byteLength, MAX_WEIGHTS_BYTES))
    fail("weightsManifest.byteLength", `must be an integer in 0..${MAX_WEIGHTS_BYTES}`, wm.byteLength);
  if (!isCount(wm.crc32, 0xffffffff))
    fail("weightsManifest.crc32", "must be an unsigned 32-bit integer", wm.crc32);
  if (!Array.isArray(wm.weights)) fail("weightsManifest.weights", "must be an array", wm.weights);
  const total = wm.byteLength as number;
  const names = new Set<string>();
  const weights = (wm.weights as unknown[]).map((e, i) => {
    const entry = checkEntry(e, i, total, fail);
    if (names.has(entry.name)) fail(`weightsManifest.weights[${i}].name`, `"${entry.name}" appears twice`);
    names.add(entry.name);
    return entry;
  });
  return { file: file as string, byteLength: total, crc32: wm.crc32 as number, weights };
}

/** Parses and checks model.json; every problem is a FormatError naming the file (`where`) and the field. */
export function parseModelJson(text: string, where: string): ModelJson {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new FormatError(
      `loadModel: ${where} is not valid JSON (${(e as Error).message}); the file is damaged or not a saved model`,
    );
  }
  const fail: Fail = (field, what, ...got) => {
    throw new FormatError(
      `loadModel: ${where}: ${field} ${what}${got.length > 0 ? `, got ${show(got[0])}` : ""}`,
    );
  };
  if (!isObject(raw) || raw.format !== FORMAT)
    throw new FormatError(`loadModel: ${where}: not a backprop model (expected "format": "${FORMAT}")`);
  const m = raw;
  const version = m.formatVersion;
  if (!Number.isInteger(version) || (version as number) < 1)
    fail("formatVersion", "must be a positive integer", version);
  if ((version as number) > FORMAT_VERSION) {
    throw new FormatError(
      `loadModel: ${where}: format version ${String(version)} is newer than this backprop reads (up to ${FORMAT_VERSION}); upgrade backprop to load it`,
    );
  }
  if (m.generatedBy !== undefined && typeof m.generatedBy !== "string")
    fail("generatedBy", "must be a string", m.generatedBy);
  const topo = m.modelTopology;
  if (
    !isObject(topo) ||
    topo.className !== "Sequential" ||
    !isObject(topo.config) ||
    !Array.isArray(topo.config.layers)
  ) {
    fail("modelTopology", 'must be { "className": "Sequential", "config": { "layers": [...] } }');
  }
  const config = (topo as { config: Record<string, unknown> }).config;
  if (config.name !== undefined && typeof config.name !== "string")
    fail("modelTopology.config.name", "must be a string", config.name);
  const layers = (config.layers as unknown[]).map((l, i) => checkLayer(l, `modelTopology layer ${i}`, fail));
  if (version === 1) for (const layer of layers) readV1Gelu(layer.config);
  const optimizerState = m.optimizerState;
  if (
    optimizerState !== null &&
    optimizerState !== undefined &&
    (!isObject(optimizerState) || !isCount(optimizerState.iterations))
  ) {
    fail(
      "optimizerState.iterations",
      "must be a non-negative integer",
      isObject(optimizerState) ? optimizerState.iterations : optimizerState,
    );
  }
  const training = m.training;
  if (training !== undefined && training !== null && (!isObject(training) || !isCount(training.epoch))) {
    fail("training.epoch", "must be a non-negative integer", isObject(training) ? training.epoch : training);
  }
  return {
    format: FORMAT,
    formatVersion: version as number,
    generatedBy: (m.generatedBy as string | undefined) ?? "",
    modelTopology: { className: "Sequential", config: { name: config.name as string, layers } },
    buildInputShape: checkInputShape(m.buildInputShape, fail),
    compileConfig: checkCompile(m.compileConfig, fail),
    optimizerState: (optimizerState as { iterations: number } | null | undefined) ?? null,
    training: { epoch: isObject(training) ? (training.epoch as number) : 0 },
    weightsManifest: checkManifest(m.weightsManifest, fail),
  };
}
