/**
 * The TensorFlow.js layers format: model.json ({ modelTopology, weightsManifest, format: "layers-model" })
 * and weight shards holding little-endian float32 values back to back in manifest order (a weight may
 * straddle two shards). Weights are matched by name, never by position.
 */
import { concatBytes } from "../bytes.js";
import { FormatError } from "../errors.js";
import type { Sequential } from "../model/sequential.js";
import { builtModel, localName, modelFromConfig, readWeights, type ModelConfig, type NamedWeight } from "./model-io.js";
import { fromHalf } from "./safetensors.js";
import { layerFromKeras, layerToKeras, type KerasLayer } from "./tfjs-layers.js";

export const TFJS_VERSION = "4.22.0";

const snake = (s: string): string => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const camel = (s: string): string => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

export interface TfjsArtifacts {
  modelJson: Record<string, unknown>;
  weightsBin: Uint8Array;
}

/** model.json's object and weights.bin's bytes for `model`. */
export function modelToTfjsArtifacts(model: Sequential, where = "save (tfjs)"): TfjsArtifacts {
  builtModel("save", model);
  const cfg = model.getConfig();
  const layers = cfg.layers.flatMap((l, i) => layerToKeras(l.className, l.config, i === 0 ? (model.inputShape ?? null) : null, where));
  const weights = readWeights(model);
  const total = weights.reduce((n, w) => n + w.data.length, 0);
  const bytes = new Uint8Array(total * 4);
  const view = new DataView(bytes.buffer);
  let at = 0;
  for (const w of weights) for (let i = 0; i < w.data.length; i++, at += 4) view.setFloat32(at, w.data[i]!, true);
  const specs = weights.map((w) => ({ name: `${w.layer.name}/${snake(localName(w.name))}`, shape: w.shape, dtype: "float32" }));
  return {
    modelJson: {
      modelTopology: { class_name: "Sequential", config: { name: cfg.name, layers }, keras_version: `tfjs-layers ${TFJS_VERSION}`, backend: "tensor_flow.js" },
      weightsManifest: [{ paths: ["weights.bin"], weights: specs }],
      format: "layers-model",
      generatedBy: "backprop",
      convertedBy: null,
    },
    weightsBin: bytes,
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** "tfjs" when the text is a TensorFlow.js layers model.json, else "other" (no full parse of the weights). */
export function tfjsKind(text: string): "tfjs" | "other" {
  try {
    const j: unknown = JSON.parse(text);
    return isObject(j) && j.format !== "backprop-model" && isObject(j.modelTopology) && Array.isArray(j.weightsManifest) ? "tfjs" : "other";
  } catch {
    return "other";
  }
}

interface Group {
  paths: string[];
  weights: { name: string; shape: number[]; dtype: string; quantization?: { dtype: string; scale?: number; min?: number } }[];
}

/** The checked parts of a TensorFlow.js model.json. */
export function parseTfjsJson(text: string, where: string): { layers: KerasLayer[]; name: string; groups: Group[] } {
  const fail = (what: string): never => {
    throw new FormatError(`${where}: ${what}`);
  };
  let j: unknown;
  try {
    j = JSON.parse(text);
  } catch (e) {
    return fail(`not valid JSON (${(e as Error).message})`);
  }
  if (!isObject(j)) return fail("not a JSON object");
  if (j.format !== undefined && j.format !== "layers-model") fail(`format ${JSON.stringify(j.format)} is not a TensorFlow.js layers model (graph models cannot be loaded as layers)`);
  let topo = j.modelTopology;
  if (isObject(topo) && isObject(topo.model_config)) topo = topo.model_config;
  if (!isObject(topo) || topo.class_name !== "Sequential") fail(`modelTopology must describe a Sequential model, got class ${JSON.stringify(isObject(topo) ? topo.class_name : topo)}`);
  const config = (topo as Record<string, unknown>).config;
  const layers = Array.isArray(config) ? config : isObject(config) ? config.layers : undefined;
  if (!Array.isArray(layers) || layers.some((l) => !isObject(l) || typeof l.class_name !== "string" || !isObject(l.config))) fail("modelTopology.config.layers must be a list of { class_name, config }");
  const groups = j.weightsManifest;
  if (!Array.isArray(groups)) return fail("weightsManifest must be a list of { paths, weights }");
  for (const g of groups) {
    if (!isObject(g) || !Array.isArray(g.paths) || !Array.isArray(g.weights)) fail("each weightsManifest entry must be { paths: [...], weights: [...] }");
    for (const p of (g as { paths: unknown[] }).paths) {
      if (typeof p !== "string" || p === "" || p.startsWith("/") || p.includes("\\") || p.split("/").includes("..") || /^[a-z]+:/i.test(p)) fail(`weight file path ${JSON.stringify(p)} must be a relative path inside the model's directory`);
    }
    for (const w of (g as { weights: unknown[] }).weights) {
      if (!isObject(w) || typeof w.name !== "string" || !Array.isArray(w.shape) || w.shape.some((d) => !Number.isSafeInteger(d) || (d as number) < 0)) fail(`weight spec ${JSON.stringify(w).slice(0, 120)} must be { name, shape, dtype }`);
      const spec = w as { name: string; dtype?: unknown };
      if (spec.dtype !== "float32") fail(`weight "${spec.name}" has dtype ${JSON.stringify(spec.dtype)}; backprop reads float32 weights`);
    }
  }
  const name = isObject(config) && typeof config.name === "string" ? config.name : "sequential";
  return { layers: layers as KerasLayer[], name, groups: groups as Group[] };
}

/** The config of the Sequential model the layers describe (InputLayer entries give the input shape). */
export function tfjsModelConfig(layers: readonly KerasLayer[], name: string, where: string): ModelConfig {
  let inputShape: (number | null)[] | null = null;
  const out: ModelConfig["layers"] = [];
  for (const l of layers) {
    if (l.class_name === "InputLayer") {
      const s = l.config.batch_input_shape ?? l.config.batch_shape;
      if (Array.isArray(s)) inputShape = s as (number | null)[];
      continue;
    }
    const ours = layerFromKeras(l, where);
    if (out.length === 0 && Array.isArray(ours.config.batchInputShape)) inputShape = ours.config.batchInputShape as (number | null)[];
    delete ours.config.batchInputShape;
    out.push(ours);
  }
  if (out.length === 0) throw new FormatError(`${where}: the model has no layers`);
  if (!inputShape) throw new FormatError(`${where}: the first layer has no batch_input_shape, so the model's input shape is unknown`);
  return { name, layers: out, inputShape };
}

/** Decodes the weights of every group from its shards (read by `shard`), checking sizes before allocating. */
export function tfjsWeights(groups: readonly Group[], shard: (path: string) => Uint8Array, where: string): NamedWeight[] {
  const out: NamedWeight[] = [];
  for (const g of groups) {
    const sizes = g.weights.map((w) => w.shape.reduce((a, b) => a * b, 1) * bytesPer(w.quantization?.dtype, w.name, where));
    const need = sizes.reduce((a, b) => a + b, 0);
    const parts = g.paths.map(shard);
    const have = parts.reduce((n, p) => n + p.length, 0);
    if (have !== need) throw new FormatError(`${where}: the weight files ${g.paths.join(", ")} hold ${have} bytes but their weights need ${need}${have < need ? " (truncated)" : ""}`);
    const bytes = parts.length === 1 ? parts[0]! : concatBytes(parts);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let at = 0;
    g.weights.forEach((w, k) => {
      const n = sizes[k]! / bytesPer(w.quantization?.dtype, w.name, where);
      const data = new Float32Array(n);
      const q = w.quantization;
      for (let i = 0; i < n; i++) {
        if (!q) data[i] = view.getFloat32(at + 4 * i, true);
        else if (q.dtype === "float16") data[i] = fromHalf(view.getUint16(at + 2 * i, true));
        else data[i] = (q.min ?? 0) + (q.scale ?? 1) * (q.dtype === "uint8" ? view.getUint8(at + i) : view.getUint16(at + 2 * i, true));
      }
      at += sizes[k]!;
      const parts2 = w.name.split("/");
      const layer = parts2.length >= 2 ? parts2[parts2.length - 2]! : "";
      out.push({ name: `${layer}/${camel(localName(w.name).replace(/:0$/, ""))}`, shape: w.shape, data });
    });
  }
  return out;
}

function bytesPer(q: string | undefined, name: string, where: string): number {
  if (q === undefined) return 4;
  if (q === "uint8") return 1;
  if (q === "uint16" || q === "float16") return 2;
  throw new FormatError(`${where}: weight "${name}" has unknown quantization ${JSON.stringify(q)}`);
}

/** A model from model.json text and a shard reader. */
export function modelFromTfjs(text: string, shard: (path: string) => Uint8Array, where: string): { model: Sequential; weights: NamedWeight[] } {
  const { layers, name, groups } = parseTfjsJson(text, where);
  const config = tfjsModelConfig(layers, name, where);
  const weights = tfjsWeights(groups, shard, where);
  return { model: modelFromConfig(config, where), weights };
}
