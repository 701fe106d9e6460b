/**
 * What every format needs from a model: its weights by name, a model rebuilt from layer configs, and
 * weights set by name after every name, shape and count was checked (never a half-loaded model).
 */
import { FormatError } from "../errors.js";
import { layerFromConfig, type Layer, type Shape } from "../nn/layers/layer.js";
import { Sequential } from "../model/sequential.js";
import { makeTensor } from "../tensor/tensor.js";

/** A weight as a format hands it over: row-major values of `shape`. */
export interface NamedWeight {
  name: string;
  shape: number[];
  data: ArrayLike<number>;
}

/** The layer list a format stores: our class names and getConfig() objects. */
export interface ModelConfig {
  name: string;
  layers: { className: string; config: Record<string, unknown> }[];
  inputShape: Shape | null;
}

/** The model to save, built (formats need every weight's shape). */
/** JSON.parse, or a FormatError "<what> is not valid JSON (<the parser's reason>)". */
export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new FormatError(`${what} is not valid JSON (${(e as Error).message})`);
  }
}

export function builtModel(op: string, model: Sequential): Sequential {
  const shape = model.inputShape;
  if (!shape) throw new FormatError(`${op}: the model is not built; give the first layer an inputShape or run it on data before saving`);
  model.build(shape);
  return model;
}

/** The model's layer configs and input shape. */
export function modelConfig(model: Sequential): ModelConfig {
  return { ...model.getConfig(), inputShape: model.inputShape ?? null };
}

/** Rebuilds a model from configs; an unknown class or bad option is a FormatError naming `where`. */
export function modelFromConfig(config: ModelConfig, where: string): Sequential {
  let layers: Layer[];
  try {
    layers = config.layers.map((l) => layerFromConfig(l.className, l.config));
  } catch (e) {
    throw new FormatError(`${where}: ${(e as Error).message}`);
  }
  const model = new Sequential({ name: config.name, layers });
  try {
    if (config.inputShape) model.build(config.inputShape);
    else if (!model.inputShape) throw new FormatError("the model's input shape is not recorded");
  } catch (e) {
    for (const l of layers) l.dispose();
    throw new FormatError(`${where}: cannot build the model: ${(e as Error).message}`);
  }
  return model;
}

/**
 * Gives a model just built from a file the weights `read` returns; if reading or checking them fails,
 * the model's storage is released before the error goes on, so no half-loaded model is left behind.
 */
export async function withWeights(model: Sequential, read: () => readonly NamedWeight[] | Promise<readonly NamedWeight[]>, where: string): Promise<Sequential> {
  try {
    assignWeights(model, await read(), where);
  } catch (e) {
    for (const l of model.layers) l.dispose();
    throw e;
  }
  return model;
}

/** Checks that `weights` has exactly the model's weights, by name and shape, then assigns them all. */
export function assignWeights(model: Sequential, weights: readonly NamedWeight[], where: string): void {
  const byName = new Map<string, NamedWeight>();
  for (const w of weights) {
    if (byName.has(w.name)) throw new FormatError(`${where}: weight "${w.name}" appears twice`);
    byName.set(w.name, w);
  }
  const vars = model.weights;
  const missing = vars.filter((v) => !byName.has(v.name)).map((v) => v.name);
  if (missing.length > 0) throw new FormatError(`${where}: no weight named ${missing.map((m) => `"${m}"`).join(", ")} (the file has ${[...byName.keys()].map((m) => `"${m}"`).join(", ") || "none"})`);
  const known = new Set(vars.map((v) => v.name));
  const extra = [...byName.keys()].filter((n) => !known.has(n));
  if (extra.length > 0) throw new FormatError(`${where}: weights ${extra.map((m) => `"${m}"`).join(", ")} belong to no layer of the model`);
  for (const v of vars) {
    const w = byName.get(v.name)!;
    if (w.shape.length !== v.shape.length || w.shape.some((d, i) => d !== v.shape[i])) {
      throw new FormatError(`${where}: weight "${v.name}" is stored as [${w.shape.join(",")}] but the layer needs [${v.shape.join(",")}]`);
    }
    if (w.data.length !== v.size) throw new FormatError(`${where}: weight "${v.name}" has ${w.data.length} values for shape [${w.shape.join(",")}]`);
  }
  for (const v of vars) {
    const w = byName.get(v.name)!;
    const t = makeTensor(v.shape, v.dtype, w.data);
    v.assign(t);
    t.dispose();
  }
}

/** The model's weights with their values (copies). */
export function readWeights(model: Sequential): { name: string; shape: number[]; data: Float32Array | Float64Array | Int32Array; layer: Layer }[] {
  return model.layers.flatMap((layer) => layer.weights.map((v) => ({ name: v.name, shape: [...v.shape], data: v.dataSync(), layer })));
}

/** The part of a weight name after its layer: "dense_1/kernel" → "kernel". */
export function localName(name: string): string {
  return name.slice(name.lastIndexOf("/") + 1);
}
