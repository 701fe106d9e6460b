/**
 * Keras 3 `.keras` files: a zip of config.json (serialize_keras_object of the Sequential model),
 * metadata.json and model.weights.h5, where each layer's variables sit at
 * `layers/<snake_case class>[_k]/vars/<i>` (recurrent layers: `.../cell/vars/<i>`), named by a per-class
 * counter in layer order, not by the layer's own name. Activations carry Keras 3's meaning.
 */
import { FormatError } from "../errors.js";
import type { Sequential } from "../model/sequential.js";
import { builtModel, parseJson, type ModelConfig } from "./model-io.js";
import { fromKeras3Objects, toKeras3Config } from "./keras-config.js";
import { functionalChain } from "./keras-functional.js";
import { layerFromKeras, layerToKeras, type KerasLayer } from "./tfjs-layers.js";

/** The Keras version whose file layout this follows; newer major versions are refused. */
export const KERAS_VERSION = "3.5.0";

const policy = { module: "keras", class_name: "DTypePolicy", config: { name: "float32" }, registered_name: null };
/** Keras's naming.to_snake_case, the same three substitutions. */
const snake = (s: string): string => s.replace(/\W+/g, "").replace(/(.)([A-Z][a-z]+)/g, "$1_$2").replace(/([a-z])([A-Z])/g, "$1_$2").toLowerCase();

/** Keras's to_snake_case of a class name: Conv2D → conv2d, BatchNormalization → batch_normalization, SimpleRNN → simple_rnn. */
export function kerasSnake(className: string): string {
  return snake(className);
}

/** The HDF5 group of each layer's variables, in layer order (a per-class counter, as Keras names them). */
export function kerasVarPaths(classNames: readonly string[]): string[] {
  const used = new Map<string, number>();
  return classNames.map((cls) => {
    const base = kerasSnake(cls);
    const k = used.get(base);
    used.set(base, k === undefined ? 0 : k + 1);
    const name = k === undefined ? base : `${base}_${k + 1}`;
    return ["LSTM", "GRU", "SimpleRNN"].includes(cls) ? `layers/${name}/cell/vars` : `layers/${name}/vars`;
  });
}

/** config.json's object. */
export function kerasConfig(model: Sequential, where = "save (keras)"): Record<string, unknown> {
  builtModel("save", model);
  const cfg = model.getConfig();
  const shapes = [model.inputShape!, ...model.layerOutputShapes()];
  const wrap = (l: KerasLayer, ours: Record<string, unknown>, i: number) => {
    const config = toKeras3Config(l, ours, policy);
    return { module: "keras.layers", class_name: l.class_name, config, registered_name: null, build_config: { input_shape: shapes[i] } };
  };
  const layers = cfg.layers.map((l, i) => {
    const k = layerToKeras(l.className, l.config, null, where, "keras3");
    if (k.length !== 1) throw new FormatError(`${where}: layer "${String(l.config.name)}" does not map to one Keras layer`);
    return wrap(k[0]!, l.config, i);
  });
  const input = { module: "keras.layers", class_name: "InputLayer", config: { batch_shape: model.inputShape, dtype: "float32", sparse: false, name: "input_layer" }, registered_name: null };
  return {
    module: "keras", class_name: "Sequential",
    config: { name: cfg.name, trainable: true, dtype: policy, layers: [input, ...layers], build_input_shape: model.inputShape },
    registered_name: null, build_config: { input_shape: model.inputShape }, compile_config: null,
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Refuses a quantized layer (int8, float8, int4 policies or a quantization_config): its variables are not the float kernel backprop reads. */
function checkDtypePolicy(c: Record<string, unknown>, where: string): void {
  const d = c.dtype;
  const name = isObject(d) && isObject(d.config) ? d.config.name : d;
  const cls = isObject(d) ? d.class_name : undefined;
  if ((typeof cls === "string" && cls !== "DTypePolicy" && cls !== "FloatDTypePolicy") || (typeof name === "string" && /int|float8/.test(name))) {
    throw new FormatError(`${where}: layer "${String(c.name)}" has the quantized dtype policy ${JSON.stringify(name ?? cls)}; backprop reads float layers only`);
  }
  const q = c.quantization_config; // Keras 3.13 and later
  if (q !== undefined && q !== null) {
    throw new FormatError(`${where}: layer "${String(c.name)}" is quantized (quantization_config ${String(isObject(q) ? q.class_name : JSON.stringify(q))}); backprop reads float layers only`);
  }
}

/** The model config a Keras 3 config.json describes. */
export function parseKerasConfig(text: string, where: string): ModelConfig {
  const j = parseJson(text, `${where}: config.json`);
  const cls = isObject(j) ? j.class_name : j;
  if (!isObject(j) || (cls !== "Sequential" && cls !== "Functional") || !isObject(j.config) || !Array.isArray(j.config.layers)) {
    throw new FormatError(`${where}: config.json must describe a Sequential model or a single-chain Functional one, got class ${JSON.stringify(cls)}`);
  }
  const entries = cls === "Functional" ? functionalChain(j.config, where) : (j.config.layers as unknown[]);
  let inputShape: (number | null)[] | null = null;
  const layers: ModelConfig["layers"] = [];
  for (const l of entries) {
    if (!isObject(l) || typeof l.class_name !== "string" || !isObject(l.config)) throw new FormatError(`${where}: config.json layers must be { class_name, config }`);
    if (l.module !== undefined && l.module !== "keras.layers" && l.module !== "keras") throw new FormatError(`${where}: layer "${String(l.config.name)}" comes from module ${JSON.stringify(l.module)}; backprop reads built-in Keras layers only`);
    if (l.class_name === "InputLayer") {
      const s = l.config.batch_shape ?? l.config.batch_input_shape;
      if (Array.isArray(s)) inputShape = s as (number | null)[];
      continue;
    }
    checkDtypePolicy(l.config, where);
    const ours = layerFromKeras({ class_name: l.class_name, config: l.config }, where, "keras3");
    Object.assign(ours.config, fromKeras3Objects(l.config, `${where}: layer "${String(l.config.name)}"`));
    if (!inputShape && layers.length === 0 && Array.isArray(ours.config.batchInputShape)) inputShape = ours.config.batchInputShape as (number | null)[];
    const build = isObject(l.build_config) ? l.build_config.input_shape : undefined;
    if (!inputShape && layers.length === 0 && Array.isArray(build)) inputShape = build as (number | null)[];
    delete ours.config.batchInputShape;
    layers.push(ours);
  }
  const build = j.config.build_input_shape;
  if (!inputShape && Array.isArray(build)) inputShape = build as (number | null)[];
  if (!inputShape) throw new FormatError(`${where}: config.json does not give the model's input shape (no InputLayer batch_shape)`);
  return { name: typeof j.config.name === "string" ? j.config.name : "sequential", layers, inputShape };
}

/** Checks metadata.json: a newer major Keras version is refused. */
export function checkKerasMetadata(text: string, where: string): void {
  const j = parseJson(text, `${where}: metadata.json`);
  const v = isObject(j) ? j.keras_version : undefined;
  const major = typeof v === "string" ? Number(v.split(".")[0]) : NaN;
  if (!Number.isFinite(major)) throw new FormatError(`${where}: metadata.json has no keras_version`);
  if (major > 3) throw new FormatError(`${where}: written by Keras ${String(v)}, newer than the Keras 3 layout backprop reads`);
  if (major < 3) throw new FormatError(`${where}: written by Keras ${String(v)}; backprop reads the Keras 3 .keras layout`);
}
