/**
 * model.json, the description half of a saved model (weights.bin holds the numbers):
 *
 *   { "format": "backprop-model", "formatVersion": 1,
 *     "modelTopology": { "className": "Sequential", "config": { "name", "layers": [{ "className", "config" }] } },
 *     "buildInputShape": [null, 3],
 *     "compileConfig": { "optimizer": { "className", "config" }, "loss": "meanSquaredError", "metrics": ["accuracy"] },
 *     "optimizerState": { "iterations": 40 },       // slots are in weights.bin, group "optimizer"
 *     "training": { "epoch": 2 },
 *     "weightsManifest": { "file": "weights.bin", "byteLength", "crc32", "weights": [{ "name", "shape", "dtype", "offset", "byteLength", "group" }] } }
 */
import { FormatError } from "../errors.js";
import type { Shape } from "../nn/layers/layer.js";
import type { SavedLoss } from "./compile.js";
import type { WeightsManifest } from "./weights-file.js";

export const FORMAT = "backprop-model";
/** Bumped when the layout changes incompatibly; loadModel refuses files from a newer version. */
export const FORMAT_VERSION = 1;

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

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Parses and checks model.json; every problem is a FormatError naming the field. */
export function parseModelJson(text: string, where: string): ModelJson {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new FormatError(`loadModel: ${where} is not valid JSON (${(e as Error).message}); the file is damaged or not a saved model`);
  }
  const fail = (what: string): never => {
    throw new FormatError(`loadModel: ${where}: ${what}`);
  };
  if (!isObject(raw) || raw.format !== FORMAT) fail(`not a backprop model (expected "format": "${FORMAT}")`);
  const m = raw as Record<string, unknown>;
  const version = m.formatVersion;
  if (typeof version !== "number" || !Number.isInteger(version) || version < 1) fail(`formatVersion must be a positive integer, got ${JSON.stringify(version)}`);
  if ((version as number) > FORMAT_VERSION) {
    fail(`format version ${String(version)} is newer than this backprop reads (up to ${FORMAT_VERSION}); upgrade backprop to load it`);
  }
  const topo = m.modelTopology;
  if (!isObject(topo) || topo.className !== "Sequential" || !isObject(topo.config) || !Array.isArray(topo.config.layers)) {
    fail('modelTopology must be { "className": "Sequential", "config": { "layers": [...] } }');
  }
  for (const [i, l] of ((topo as { config: { layers: unknown[] } }).config.layers).entries()) {
    if (!isObject(l) || typeof l.className !== "string" || !isObject(l.config)) fail(`modelTopology layer ${i} must be { "className", "config" }`);
  }
  const wm = m.weightsManifest;
  if (!isObject(wm) || typeof wm.file !== "string" || typeof wm.byteLength !== "number" || typeof wm.crc32 !== "number" || !Array.isArray(wm.weights)) {
    fail("weightsManifest must be { file, byteLength, crc32, weights: [...] }");
  }
  if ((wm as { file: string }).file.includes("/") || (wm as { file: string }).file.includes("\\")) fail("weightsManifest.file must be a plain file name");
  return raw as unknown as ModelJson;
}
