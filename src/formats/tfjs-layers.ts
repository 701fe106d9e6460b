/**
 * Layer configs between backprop (camelCase getConfig) and the Keras/TensorFlow.js layers format
 * (`{ class_name, config }` with snake_case keys). Activations are written by name explicitly and
 * read by their source's meaning: TensorFlow.js's hard_sigmoid is clip(0.2x + 0.5), which is ours.
 */
import { FormatError } from "../errors.js";
import type { Shape } from "../nn/layers/layer.js";

export interface KerasLayer {
  class_name: string;
  config: Record<string, unknown>;
}

/** Our activation names → TensorFlow.js's (leakyRelu is written as its own LeakyReLU layer). */
const ACT_OUT: Record<string, string> = {
  linear: "linear", relu: "relu", relu6: "relu6", elu: "elu", selu: "selu", sigmoid: "sigmoid", hardSigmoid: "hard_sigmoid",
  tanh: "tanh", softmax: "softmax", softplus: "softplus", softsign: "softsign", swish: "swish", gelu: "gelu",
};
/** TensorFlow.js activation names → ours ("gelu" is the exact erf form in both, gelu_new the tanh approximation). */
const ACT_IN: Record<string, string> = {
  ...Object.fromEntries(Object.entries(ACT_OUT).map(([k, v]) => [v, k])),
  silu: "swish", leaky_relu: "leakyRelu", gelu_new: "geluApproximate",
};

/** Keras 3 differs: hard_sigmoid is clip(x/6 + 0.5) (not backprop's), leaky_relu has slope 0.2; its gelu is the exact one, as ours. */
const ACT_OUT_K3: Record<string, string> = { ...ACT_OUT, leakyRelu: "leaky_relu", logSoftmax: "log_softmax" };
delete ACT_OUT_K3.hardSigmoid;
const ACT_IN_K3: Record<string, string> = { ...Object.fromEntries(Object.entries(ACT_OUT_K3).map(([k, v]) => [v, k])), silu: "swish" };

/** Which library's meaning names carry. */
export type Dialect = "tfjs" | "keras3";

/** Our initializer class names that TensorFlow.js knows under the same name. */
const INITIALIZERS = new Set(["Zeros", "Ones", "RandomNormal", "RandomUniform", "TruncatedNormal", "VarianceScaling", "GlorotUniform", "GlorotNormal", "HeNormal", "HeUniform", "LeCunNormal", "LeCunUniform", "Orthogonal"]);

function initOut(spec: unknown): KerasLayer {
  const name = typeof spec === "object" && spec !== null ? String((spec as { className?: unknown }).className) : "";
  const tfjsName = name.replace(/^Lecun/, "LeCun"); // TensorFlow.js spells LeCunNormal, LeCunUniform
  return { class_name: INITIALIZERS.has(tfjsName) ? tfjsName : "GlorotUniform", config: {} };
}

function activationOut(where: string, name: unknown, dialect: Dialect = "tfjs"): string {
  if (dialect === "keras3") {
    const k = ACT_OUT_K3[String(name)];
    if (!k) throw new FormatError(`${where}: activation "${String(name)}" has no Keras 3 name with the same meaning`);
    return k;
  }
  const a = ACT_OUT[String(name)];
  // tfjs lists "gelu_new" (the tanh approximation) but 4.22 cannot load it
  if (name === "geluApproximate") throw new FormatError(`${where}: activation "geluApproximate" (tanh approximation) has no TensorFlow.js name that tf.loadLayersModel reads; "gelu" (exact) has`);
  if (!a) throw new FormatError(`${where}: activation "${String(name)}" has no TensorFlow.js name`);
  return a;
}

/** The activation to rebuild from a TensorFlow.js name. */
export function activationIn(where: string, name: unknown, dialect: Dialect = "tfjs"): string {
  if (name === undefined || name === null) return "linear";
  const table = dialect === "keras3" ? ACT_IN_K3 : ACT_IN;
  const a = table[String(name)];
  if (!a) throw new FormatError(`${where}: activation "${String(name)}" is not one backprop computes in ${dialect === "keras3" ? "Keras 3" : "TensorFlow.js"}'s meaning (expected one of ${Object.keys(table).join(", ")})`);
  return a;
}

/** Our layer (class name + getConfig()) as one or two TensorFlow.js layers. */
export function layerToKeras(className: string, c: Record<string, unknown>, batchInputShape: Shape | null, where: string, dialect: Dialect = "tfjs"): KerasLayer[] {
  const w = `${where}: layer "${String(c.name)}" (${className})`;
  const base: Record<string, unknown> = { name: c.name, trainable: c.trainable ?? true, dtype: "float32" };
  if (batchInputShape) base.batch_input_shape = [...batchInputShape];
  let extra: KerasLayer | undefined;
  const act = (a: unknown): string => {
    if (a === "leakyRelu" && dialect === "tfjs") {
      extra = { class_name: "LeakyReLU", config: { name: `${String(c.name)}_leaky_relu`, trainable: true, dtype: "float32", alpha: 0.2 } };
      return "linear";
    }
    return activationOut(w, a, dialect);
  };
  const kernel = { kernel_initializer: initOut(c.kernelInitializer), bias_initializer: initOut(c.biasInitializer), kernel_regularizer: null, bias_regularizer: null, activity_regularizer: null, kernel_constraint: null, bias_constraint: null };
  let config: Record<string, unknown>;
  switch (className) {
    case "Dense":
      config = { units: c.units, activation: act(c.activation), use_bias: c.useBias, ...kernel };
      break;
    case "Conv2D":
      config = { filters: c.filters, kernel_size: c.kernelSize, strides: c.strides, padding: c.padding, data_format: "channels_last", dilation_rate: [1, 1], activation: act(c.activation), use_bias: c.useBias, ...kernel };
      break;
    case "MaxPooling2D":
    case "AveragePooling2D":
      config = { pool_size: c.poolSize, strides: c.strides, padding: c.padding, data_format: "channels_last" };
      break;
    case "Flatten":
      config = {};
      break;
    case "Dropout":
      config = { rate: c.rate, noise_shape: c.noiseShape ?? null, seed: c.seed ?? null };
      break;
    case "Activation":
      if (c.activation === "leakyRelu" && dialect === "tfjs") return [{ class_name: "LeakyReLU", config: { ...base, alpha: 0.2 } }];
      config = { activation: act(c.activation) };
      break;
    case "Reshape":
      config = { target_shape: c.targetShape };
      break;
    case "BatchNormalization":
      config = {
        axis: c.axis, momentum: c.momentum, epsilon: c.epsilon, center: c.center, scale: c.scale,
        beta_initializer: { class_name: "Zeros", config: {} }, gamma_initializer: { class_name: "Ones", config: {} },
        moving_mean_initializer: { class_name: "Zeros", config: {} }, moving_variance_initializer: { class_name: "Ones", config: {} },
        beta_regularizer: null, gamma_regularizer: null, beta_constraint: null, gamma_constraint: null,
      };
      break;
    case "LSTM":
    case "GRU":
    case "SimpleRNN":
      config = rnnOut(className, c, w, act, dialect);
      break;
    case "Embedding":
      config = { input_dim: c.inputDim, output_dim: c.outputDim, embeddings_initializer: initOut(c.embeddingsInitializer), embeddings_regularizer: null, activity_regularizer: null, embeddings_constraint: null, mask_zero: false, input_length: null };
      break;
    default:
      throw new FormatError(`${w}: TensorFlow.js has no such layer`);
  }
  const out: KerasLayer[] = [{ class_name: className, config: { ...base, ...config } }];
  if (extra) out.push(extra);
  return out;
}

function rnnOut(className: string, c: Record<string, unknown>, w: string, act: (a: unknown) => string, dialect: Dialect): Record<string, unknown> {
  if (className === "GRU" && c.resetAfter !== false && dialect === "tfjs") throw new FormatError(`${w}: TensorFlow.js's GRU has no reset_after; build the layer with resetAfter: false`);
  const config: Record<string, unknown> = {
    units: c.units, activation: act(c.activation), use_bias: c.useBias, return_sequences: c.returnSequences, return_state: false, go_backwards: c.goBackwards,
    stateful: false, unroll: false, dropout: 0, recurrent_dropout: 0,
    kernel_initializer: initOut(c.kernelInitializer), recurrent_initializer: initOut(c.recurrentInitializer), bias_initializer: initOut(c.biasInitializer),
    kernel_regularizer: null, recurrent_regularizer: null, bias_regularizer: null, activity_regularizer: null, kernel_constraint: null, recurrent_constraint: null, bias_constraint: null,
  };
  if (className !== "SimpleRNN") config.recurrent_activation = act(c.recurrentActivation);
  if (className === "LSTM") config.unit_forget_bias = c.unitForgetBias;
  if (className === "GRU") config.reset_after = c.resetAfter;
  return config;
}

/** Keys kept when reading a TensorFlow.js layer, snake_case → camelCase. */
const KEYS: Record<string, string[]> = {
  Dense: ["units", "use_bias"],
  Conv2D: ["filters", "kernel_size", "strides", "padding", "use_bias"],
  MaxPooling2D: ["pool_size", "strides", "padding"],
  AveragePooling2D: ["pool_size", "strides", "padding"],
  Flatten: [],
  Dropout: ["rate"],
  Activation: [],
  Reshape: ["target_shape"],
  BatchNormalization: ["axis", "momentum", "epsilon", "center", "scale"],
  LSTM: ["units", "use_bias", "return_sequences", "go_backwards", "unit_forget_bias"],
  GRU: ["units", "use_bias", "return_sequences", "go_backwards", "reset_after"],
  SimpleRNN: ["units", "use_bias", "return_sequences", "go_backwards"],
  Embedding: ["input_dim", "output_dim"],
};

const camel = (s: string): string => s.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase());

/** A TensorFlow.js layer as our { className, config }; `hardSigmoidMeaning` is the source's. */
export function layerFromKeras(layer: KerasLayer, where: string, dialect: Dialect = "tfjs"): { className: string; config: Record<string, unknown> } {
  const cls = layer.class_name;
  const c = layer.config;
  const w = `${where}: layer "${String(c.name)}" (${cls})`;
  if (cls === "LeakyReLU") {
    const alpha = c.negative_slope ?? c.alpha ?? 0.3;
    if (alpha !== 0.2) throw new FormatError(`${w}: backprop's leakyRelu has slope 0.2, the file asks for ${String(alpha)}`);
    return { className: "Activation", config: { name: c.name, activation: "leakyRelu" } };
  }
  const keys = KEYS[cls];
  if (!keys) throw new FormatError(`${w}: unknown layer class "${cls}"; backprop reads ${Object.keys(KEYS).concat("LeakyReLU", "InputLayer").join(", ")}`);
  if (c.data_format !== undefined && c.data_format !== null && c.data_format !== "channels_last") throw new FormatError(`${w}: data_format ${JSON.stringify(c.data_format)} is not supported (channels_last only)`);
  // mask_zero makes the layers after an Embedding skip padded steps, which backprop does not do
  for (const k of ["return_state", "stateful", "mask_zero"]) if (c[k] === true) throw new FormatError(`${w}: ${k}: true is not supported`);
  const ones = (v: unknown) => v === undefined || v === null || v === 1 || (Array.isArray(v) && v.every((x) => x === 1));
  for (const k of ["dilation_rate", "groups"]) if (!ones(c[k])) throw new FormatError(`${w}: ${k} ${JSON.stringify(c[k])} is not supported (backprop computes ${k} 1)`);
  const config: Record<string, unknown> = { name: c.name, trainable: c.trainable ?? true };
  for (const k of keys) if (c[k] !== undefined && c[k] !== null) config[camel(k)] = c[k];
  if ("activation" in c || cls === "Activation") config.activation = activationIn(w, c.activation, dialect);
  if ("recurrent_activation" in c) config.recurrentActivation = activationIn(w, c.recurrent_activation, dialect);
  if (cls === "GRU" && config.resetAfter === undefined) config.resetAfter = dialect === "keras3";
  const bis = c.batch_input_shape ?? (Array.isArray(c.batch_shape) ? c.batch_shape : undefined);
  if (Array.isArray(bis)) config.batchInputShape = bis;
  return { className: cls, config };
}
