/**
 * Option parsing shared by the built-in layers: validated numbers and pairs, and activations,
 * initializers and regularizers given by name, object or serialized config.
 */
import { BackpropError, ValueError } from "../../errors.js";
import { activationName, getActivation, type ActivationFn, type ActivationName } from "../activations.js";
import { getInitializer, serializeInitializer, type Initializer, type InitializerConfig, type InitializerName } from "../initializers.js";
import { getRegularizer, serializeRegularizer, type Regularizer, type RegularizerConfig } from "../regularizers.js";
import { fmtDims, type Shape } from "./layer.js";

/**
 * An activation by name (a misspelt literal is a type error) or as a function.
 *
 * @example
 * const specs: bp.layers.ActivationSpec[] = ["relu", (x) => x.mul(x.sigmoid())];
 * specs.map((a) => bp.layers.activation({ activation: a }).apply(bp.tensor([-1])).item() <= 0);   // => [true, true]
 */
export type ActivationSpec = ActivationName | ActivationFn;
/**
 * An initializer by name, as an object with apply(shape), or as its serialized { className, config }.
 *
 * @example
 * const specs: bp.layers.InitializerSpec[] = ["heNormal", bp.initializers.constant({ value: 0.1 }), { className: "Zeros", config: {} }];
 * specs.map((s) => bp.layers.dense({ units: 2, kernelInitializer: s }).apply(bp.ones([1, 3])).shape);   // => [[1, 2], [1, 2], [1, 2]]
 */
export type InitializerSpec = InitializerName | Initializer | InitializerConfig;
/**
 * A regularizer by name, as an object, as its serialized config, or null for none.
 *
 * @example
 * const spec: bp.layers.RegularizerSpec = bp.regularizers.l2({ l2: 1e-4 });
 * const layer = bp.layers.dense({ units: 2, inputShape: [3], kernelRegularizer: spec });
 * layer.apply(bp.ones([1, 3]));
 * layer.regularizationLosses().length;   // => 1
 */
export type RegularizerSpec = string | Regularizer | RegularizerConfig | null;

/** Prefixes errors thrown while resolving an option with the layer's label. */
function within<T>(label: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof BackpropError) e.message = `${label}: ${e.message}`;
    throw e;
  }
}

/** The options object, {} when a factory was called without one (the checks then name the missing option). */
export function argsOf<T extends object>(args: T | undefined): Partial<T> {
  return args ?? {};
}

export { bool, positiveInt } from "../../options.js";

export function positiveNumber(label: string, key: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isFinite(v) || v <= 0) throw new ValueError(`${label}: ${key} must be a positive number, got ${JSON.stringify(v)}`);
  return v;
}


/** A positive integer or a pair of them, as [h, w]. */
export function pair(label: string, key: string, v: unknown, dflt?: [number, number]): [number, number] {
  if ((v === undefined || v === null) && dflt) return [...dflt];
  const p = typeof v === "number" ? [v, v] : Array.isArray(v) ? [...(v as unknown[])] : [];
  if (p.length !== 2 || p.some((x) => !Number.isInteger(x) || (x as number) < 1)) {
    throw new ValueError(`${label}: ${key} must be a positive integer or a pair of them, got ${JSON.stringify(v)}`);
  }
  return p as [number, number];
}

export function padding(label: string, v: unknown): "valid" | "same" {
  if (v === undefined || v === null) return "valid";
  if (v !== "valid" && v !== "same") throw new ValueError(`${label}: padding must be "valid" or "same", got ${JSON.stringify(v)}`);
  return v;
}

/** Only channels-last (NHWC) data is supported. */
export function channelsLast(label: string, v: unknown): void {
  if (v !== undefined && v !== null && v !== "channelsLast" && v !== "channels_last") {
    throw new ValueError(`${label}: dataFormat must be "channelsLast" (NHWC), got ${JSON.stringify(v)}`);
  }
}

export function activation(label: string, spec: ActivationSpec | undefined | null, dflt: ActivationSpec = "linear"): ActivationFn {
  return within(label, () => getActivation(spec ?? dflt));
}

export function initializer(label: string, spec: InitializerSpec | undefined | null, dflt: InitializerSpec): Initializer {
  return within(label, () => getInitializer(spec ?? dflt));
}

export function regularizer(label: string, spec: RegularizerSpec | undefined): Regularizer | null {
  return within(label, () => getRegularizer(spec));
}

export { activationName, fmtDims, serializeInitializer, serializeRegularizer };

/** The output size of a conv / pool axis with TensorFlow's padding rules (null stays null). */
export function convOutSize(n: number | null, k: number, s: number, pad: "valid" | "same"): number | null {
  if (n === null) return null;
  return pad === "same" ? Math.ceil(n / s) : Math.ceil((n - k + 1) / s);
}

/** Shapes with unknown entries multiply to null. */
export function product(dims: readonly (number | null)[]): number | null {
  let n = 1;
  for (const d of dims) {
    if (d === null) return null;
    n *= d;
  }
  return n;
}

export type { Shape };
