/** Input checks for fit / evaluate / predict: every bad input is a BackpropError naming the problem. */
import { DTypeError, fmtShape, ShapeError, ValueError } from "../errors.js";
import { tensor, type TensorLike } from "../tensor/creation.js";
import { Tensor } from "../tensor/tensor.js";

/** A Tensor as is, or nested arrays / typed arrays converted. */
export function asTensor(op: string, name: string, v: Tensor | TensorLike | undefined): Tensor {
  if (v instanceof Tensor) {
    if (v.isDisposed) throw new ValueError(`${op}: ${name} was disposed`);
    return v;
  }
  if (v === undefined || v === null) throw new ValueError(`${op}: ${name} is missing; expected a Tensor or an array`);
  return tensor(v);
}

export { positiveInt } from "../options.js";

/** A non-negative integer option (epochs, initialEpoch). */
export function nonNegativeInt(op: string, name: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0) {
    throw new ValueError(`${op}: ${name} must be a non-negative integer, got ${String(v)}`);
  }
  return v;
}

/** Throws if `t` holds NaN or ±Infinity, naming the sample. */
export function checkFinite(op: string, name: string, t: Tensor): void {
  if (t.dtype === "int32") return;
  const data = t.dataSync();
  const perSample = t.rank > 0 && t.shape[0]! > 0 ? t.size / t.shape[0]! : 1;
  for (let i = 0; i < data.length; i++) {
    const v = data[i] as number;
    if (!Number.isFinite(v)) {
      throw new ValueError(`${op}: ${name} contains ${v} at sample ${Math.floor(i / perSample)} (flat index ${i}); training data must be finite`);
    }
  }
}

/** Checks that `x` has at least one sample axis and a float dtype. */
export function checkSamples(op: string, name: string, t: Tensor): number {
  if (t.rank === 0) throw new ShapeError(`${op}: ${name} must have a leading sample axis, got a scalar`);
  return t.shape[0]!;
}

/** Checks that x, y (and sample weights) hold the same number of samples. */
export function checkSameCount(op: string, pairs: readonly (readonly [string, Tensor | undefined])[]): number {
  const [firstName, first] = pairs[0]!;
  const n = checkSamples(op, firstName, first!);
  for (const [name, t] of pairs.slice(1)) {
    if (t === undefined) continue;
    const m = checkSamples(op, name, t);
    if (m !== n) throw new ShapeError(`${op}: ${firstName} has ${n} samples (shape ${fmtShape(first!.shape)}) but ${name} has ${m} (shape ${fmtShape(t.shape)})`);
  }
  return n;
}

/** Checks x against the model's input shape [null, ...] (null matches any size). */
export function checkInputShape(op: string, x: Tensor, expected: readonly (number | null)[] | undefined): void {
  if (!expected) return;
  const ok = x.rank === expected.length && expected.every((d, i) => d === null || d === x.shape[i]);
  if (!ok) {
    const want = `[${expected.map((d) => (d === null ? "batch" : String(d))).join(",")}]`;
    throw new ShapeError(`${op}: x has shape ${fmtShape(x.shape)} but the model expects input of shape ${want}`);
  }
}

/** Sample weights: a 1-D tensor of n non-negative finite values. */
export function checkSampleWeight(op: string, sw: Tensor, n: number): Tensor {
  if (sw.rank !== 1 || sw.shape[0] !== n) {
    throw new ShapeError(`${op}: sampleWeight must have shape [${n}] (one weight per sample), got ${fmtShape(sw.shape)}`);
  }
  if (sw.dtype === "int32") throw new DTypeError(`${op}: sampleWeight must be a float tensor, got int32`);
  const data = sw.dataSync();
  data.forEach((v, i) => {
    if (!(Number.isFinite(v) && v >= 0)) throw new ValueError(`${op}: sampleWeight[${i}] is ${v}; weights must be finite and non-negative`);
  });
  return sw;
}
