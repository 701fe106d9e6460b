/**
 * Layer configs in the exact shape Keras 3.5's get_config writes them: the same keys per class (checked
 * against .keras files written by Keras 3.1–3.15), initializers and regularizers as serialized Keras objects
 * (`{ module, class_name, config, registered_name }`) under Keras 3's class names. Reading maps them back.
 */
import { FormatError } from "../errors.js";
import { getInitializer } from "../nn/initializers.js";
import type { KerasLayer } from "./tfjs-layers.js";

const RNN_HEAD = [
  "return_sequences",
  "return_state",
  "go_backwards",
  "stateful",
  "unroll",
  "zero_output_for_mask",
  "units",
  "activation",
];
const RNN_TAIL = [
  "kernel_regularizer",
  "recurrent_regularizer",
  "bias_regularizer",
  "activity_regularizer",
  "kernel_constraint",
  "recurrent_constraint",
  "bias_constraint",
  "dropout",
  "recurrent_dropout",
];
const INITS = ["kernel_initializer", "recurrent_initializer", "bias_initializer"];

/** The keys Keras 3.5 writes for each class after name, trainable and dtype, in its order. */
export const KERAS3_KEYS: Record<string, readonly string[]> = {
  Dense: [
    "units",
    "activation",
    "use_bias",
    "kernel_initializer",
    "bias_initializer",
    "kernel_regularizer",
    "bias_regularizer",
    "kernel_constraint",
    "bias_constraint",
  ],
  Conv2D: [
    "filters",
    "kernel_size",
    "strides",
    "padding",
    "data_format",
    "dilation_rate",
    "groups",
    "activation",
    "use_bias",
    "kernel_initializer",
    "bias_initializer",
    "kernel_regularizer",
    "bias_regularizer",
    "activity_regularizer",
    "kernel_constraint",
    "bias_constraint",
  ],
  MaxPooling2D: ["pool_size", "padding", "strides", "data_format"],
  AveragePooling2D: ["pool_size", "padding", "strides", "data_format"],
  Flatten: ["data_format"],
  Dropout: ["rate", "seed", "noise_shape"],
  Activation: ["activation"],
  Reshape: ["target_shape"],
  BatchNormalization: [
    "axis",
    "momentum",
    "epsilon",
    "center",
    "scale",
    "beta_initializer",
    "gamma_initializer",
    "moving_mean_initializer",
    "moving_variance_initializer",
    "beta_regularizer",
    "gamma_regularizer",
    "beta_constraint",
    "gamma_constraint",
    "synchronized",
  ],
  LSTM: [...RNN_HEAD, "recurrent_activation", "use_bias", ...INITS, "unit_forget_bias", ...RNN_TAIL, "seed"],
  GRU: [...RNN_HEAD, "recurrent_activation", "use_bias", ...INITS, ...RNN_TAIL, "reset_after", "seed"],
  SimpleRNN: [...RNN_HEAD, "use_bias", ...INITS, ...RNN_TAIL],
  Embedding: [
    "input_dim",
    "output_dim",
    "embeddings_initializer",
    "embeddings_regularizer",
    "activity_regularizer",
    "embeddings_constraint",
    "mask_zero",
  ],
};

/** Values Keras writes for keys backprop has no option for. */
const DEFAULTS: Record<string, unknown> = {
  data_format: "channels_last",
  groups: 1,
  synchronized: false,
  seed: null,
  zero_output_for_mask: false,
  unroll: false,
  stateful: false,
  return_state: false,
  dropout: 0,
  recurrent_dropout: 0,
  mask_zero: false,
  noise_shape: null,
};

/** Our initializer class names → Keras 3's (OrthogonalInitializer is the name every Keras 3 release reads). */
const INIT_OUT: Record<string, string> = { Orthogonal: "OrthogonalInitializer" };
const INIT_IN: Record<string, string> = {
  OrthogonalInitializer: "Orthogonal",
  LeCunNormal: "LecunNormal",
  LeCunUniform: "LecunUniform",
};
const KNOWN_INITS = new Set([
  "Zeros",
  "Ones",
  "Constant",
  "RandomNormal",
  "RandomUniform",
  "TruncatedNormal",
  "VarianceScaling",
  "GlorotUniform",
  "GlorotNormal",
  "HeUniform",
  "HeNormal",
  "LecunNormal",
  "LecunUniform",
  "Orthogonal",
]);

const snakeValue = (v: unknown): unknown =>
  typeof v === "string" ? v.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`) : v;
const camelValue = (v: unknown): unknown =>
  typeof v === "string" ? v.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase()) : v;
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** An initializer or regularizer of ours (`{ className, config }`) as a serialized Keras 3 object. */
function kerasObject(
  spec: unknown,
  module: "initializers" | "regularizers",
  fallback: string | null,
): unknown {
  if (!isObject(spec) || typeof spec.className !== "string")
    return fallback === null ? null : kerasObject({ className: fallback, config: {} }, module, null);
  const config: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(isObject(spec.config) ? spec.config : {}))
    config[k] = k === "mode" || k === "distribution" ? snakeValue(v) : (v ?? null);
  const random = !["Zeros", "Ones", "Constant"].includes(spec.className) && module === "initializers";
  if (random && !("seed" in config)) config.seed = null;
  return {
    module: `keras.${module}`,
    class_name: INIT_OUT[spec.className] ?? spec.className,
    config,
    registered_name: null,
  };
}

/** A Keras 3 serialized initializer or regularizer as ours; null when absent or unknown to backprop (the default is then used). */
export function fromKerasObject(
  v: unknown,
  module: "initializers" | "regularizers",
  where: string,
): { className: string; config: Record<string, unknown> } | null {
  if (v === null || v === undefined) return null;
  const name =
    typeof v === "string" ? v : isObject(v) && typeof v.class_name === "string" ? v.class_name : undefined;
  if (name === undefined)
    throw new FormatError(`${where}: ${module.slice(0, -1)} ${JSON.stringify(v)} is not a Keras object`);
  const config: Record<string, unknown> = {};
  if (isObject(v) && isObject(v.config))
    for (const [k, x] of Object.entries(v.config))
      if (x !== null) config[k] = k === "mode" || k === "distribution" ? camelValue(x) : x;
  if (module === "regularizers") {
    const cls = name.toUpperCase() === "L1L2" ? "L1L2" : name.toUpperCase();
    if (!["L1", "L2", "L1L2"].includes(cls))
      throw new FormatError(`${where}: regularizer "${name}" is not one backprop has (L1, L2, L1L2)`);
    if (cls === "L1L2") for (const k of ["l1", "l2"]) config[k] ??= 0; // Keras's L1L2 takes a missing or null factor as 0
    return { className: cls, config };
  }
  const spec = { className: INIT_IN[name] ?? name, config };
  if (!KNOWN_INITS.has(spec.className)) return null;
  try {
    getInitializer(spec);
    return spec;
  } catch {
    return null; // an option backprop's initializer lacks: the layer keeps its default initializer
  }
}

/** Our layer config's initializer and regularizer for each Keras key, with Keras's defaults. */
const SOURCES: Record<string, [string, "initializers" | "regularizers", string | null]> = {
  kernel_initializer: ["kernelInitializer", "initializers", "GlorotUniform"],
  recurrent_initializer: ["recurrentInitializer", "initializers", "Orthogonal"],
  bias_initializer: ["biasInitializer", "initializers", "Zeros"],
  embeddings_initializer: ["embeddingsInitializer", "initializers", "RandomUniform"],
  beta_initializer: ["betaInitializer", "initializers", "Zeros"],
  gamma_initializer: ["gammaInitializer", "initializers", "Ones"],
  moving_mean_initializer: ["movingMeanInitializer", "initializers", "Zeros"],
  moving_variance_initializer: ["movingVarianceInitializer", "initializers", "Ones"],
  kernel_regularizer: ["kernelRegularizer", "regularizers", null],
  recurrent_regularizer: ["recurrentRegularizer", "regularizers", null],
  bias_regularizer: ["biasRegularizer", "regularizers", null],
  embeddings_regularizer: ["embeddingsRegularizer", "regularizers", null],
  beta_regularizer: ["betaRegularizer", "regularizers", null],
  gamma_regularizer: ["gammaRegularizer", "regularizers", null],
};

/** Reshapes a layer (as layerToKeras wrote it) to Keras 3.5's keys; `ours` is the layer's own getConfig. */
export function toKeras3Config(
  layer: KerasLayer,
  ours: Record<string, unknown>,
  dtype: unknown,
): Record<string, unknown> {
  const keys = KERAS3_KEYS[layer.class_name];
  if (!keys)
    throw new FormatError(
      `save (keras): layer "${String(ours.name)}" (${layer.class_name}) has no Keras 3 form`,
    );
  const c = layer.config;
  const out: Record<string, unknown> = { name: c.name, trainable: c.trainable ?? true, dtype };
  for (const k of keys) {
    const src = SOURCES[k];
    if (src) out[k] = kerasObject(ours[src[0]], src[1], src[2]);
    else if (k in c) out[k] = c[k] ?? (k in DEFAULTS ? DEFAULTS[k] : null);
    else if (k in DEFAULTS) out[k] = DEFAULTS[k];
    else if (k.endsWith("_constraint") || k === "activity_regularizer") out[k] = null;
    else
      throw new FormatError(
        `save (keras): layer "${String(ours.name)}" (${layer.class_name}) has no value for Keras's "${k}"`,
      );
  }
  return out;
}

/** Initializers and regularizers of a Keras 3 layer config as our layer options (unknown initializers are left to the defaults). */
export function fromKeras3Objects(c: Record<string, unknown>, where: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, [ours, module]] of Object.entries(SOURCES)) {
    const v = fromKerasObject(c[k], module, `${where}: ${k}`);
    if (v) out[ours] = v;
  }
  return out;
}
