/**
 * How a loss is made: a function of (yTrue, yPred) giving one value per sample position (the last
 * axis reduced, Keras's "unreduced" loss), wrapped into the public scalar form that averages those
 * values over the batch. The wrapper is remembered so `getLoss` can hand the model the per-sample
 * values of any built-in loss, even when it is passed as a function.
 */
import { isFloat } from "../backend/dtype.js";
import { DTypeError, fmtShape, ShapeError, ValueError } from "../errors.js";
import { bool, checkKeys, positive } from "../options.js";
import { Tensor } from "../tensor/tensor.js";

export { checkKeys, positive };

/**
 * A loss as the model uses it: labels and predictions in, a scalar (or per-sample) tensor out.
 *
 * @example
 * const weightedMse: bp.losses.LossFn = (yTrue, yPred) => yTrue.sub(yPred).square().mul(bp.tensor([1, 10])).mean();
 * const model = bp.sequential([bp.layers.dense({ units: 2, inputShape: [3] })]);
 * model.compile({ optimizer: "adam", loss: weightedMse });
 * model.evaluate(bp.ones([4, 3]), bp.ones([4, 2])).loss! >= 0;   // => true
 */
export type LossFn = (yTrue: Tensor, yPred: Tensor) => Tensor;

/**
 * The public form of a built-in loss: `loss(yTrue, yPred, options?)` → scalar mean over the batch.
 *
 * @example
 * const loss: bp.losses.Loss<bp.losses.HuberOptions> = bp.losses.huber;
 * loss(bp.tensor([[0]]), bp.tensor([[3]]), { delta: 1 }).item();   // => 2.5
 */
export type Loss<O extends object> = (yTrue: Tensor, yPred: Tensor, options?: O) => Tensor;

/** A built-in loss as the registry keeps it: its name, its unreduced form and the options bound to it. */
export interface LossEntry {
  /** Canonical (camelCase) name: "categoricalCrossentropy". */
  readonly name: string;
  /** Checks options (throws ValueError on unknown keys or bad values). */
  readonly parse: (options: object) => unknown;
  /** The values before the batch mean (shape yPred.shape[:-1]) for the given options. */
  readonly compute: (yTrue: Tensor, yPred: Tensor, options: object) => Tensor;
  readonly options: object;
}

const entries = new WeakMap<object, LossEntry>();

/** The built-in loss behind a function made by defineLoss or withOptions, if it is one. */
export function lossEntryOf(fn: object): LossEntry | undefined {
  return entries.get(fn);
}

/** Registers `fn` as a built-in loss with bound options (used by withOptions). */
export function registerLossFn(fn: object, entry: LossEntry): void {
  entries.set(fn, entry);
}

/**
 * Makes the public scalar loss `(yTrue, yPred, options?) => mean` from `parse` (options → checked
 * settings) and `unreduced` (the values before the batch mean: yPred.shape without its last axis).
 */
export function defineLoss<O extends object, S>(
  name: string,
  parse: (options: O) => S,
  unreduced: (yTrue: Tensor, yPred: Tensor, settings: S) => Tensor,
): Loss<O> {
  const parseAny = (options: object): S => parse(checkOptions(name, options) as O);
  const compute = (yTrue: Tensor, yPred: Tensor, options: object): Tensor =>
    unreduced(yTrue, yPred, parseAny(options));
  const loss: Loss<O> = (yTrue, yPred, options) => compute(yTrue, yPred, options ?? {}).mean();
  Object.defineProperty(loss, "name", { value: name });
  entries.set(loss, { name, parse: parseAny, compute, options: {} });
  return loss;
}

/** The parser of a loss without options: any key is an error. */
export function noOptions(name: string): (options: object) => void {
  return (options) => checkKeys(name, options, []);
}

function checkOptions(name: string, options: unknown): object {
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new ValueError(
      `${name}: options must be an object such as { fromLogits: true }, got ${String(options)}`,
    );
  }
  return options;
}


/** A boolean option, default false. */
export function flag(name: string, key: string, v: unknown): boolean {
  return bool(name, key, v, false);
}

/** A number option in [lo, hi] (finite), or the default. */
export function numberIn(
  name: string,
  key: string,
  v: unknown,
  lo: number,
  hi: number,
  dflt: number,
): number {
  if (v === undefined) return dflt;
  if (typeof v !== "number" || !Number.isFinite(v) || v < lo || v > hi) {
    throw new ValueError(`${name}: ${key} must be a number in [${lo}, ${hi}], got ${String(v)}`);
  }
  return v;
}


function check(name: string, x: unknown, what: string): Tensor {
  if (!(x instanceof Tensor)) {
    const got = x === null ? "null" : Array.isArray(x) ? "an array (wrap it with bp.tensor)" : typeof x;
    throw new ValueError(`${name}: ${what} must be a Tensor, got ${got}`);
  }
  return x;
}

/** yPred must be a non-empty float tensor of rank ≥ 1 (the last axis holds the outputs of a sample). */
export function checkPred(name: string, yPred: unknown): Tensor {
  const p = check(name, yPred, "yPred");
  if (!isFloat(p.dtype)) throw new DTypeError(`${name}: yPred must be a float tensor, got ${p.dtype}`);
  if (p.rank === 0) {
    throw new ShapeError(`${name}: yPred must have rank ≥ 1 (batch, ..., outputs), got a scalar`);
  }
  if (p.size === 0)
    throw new ValueError(`${name}: yPred ${fmtShape(p.shape)} is empty; the loss of no samples is undefined`);
  return p;
}

/** The label tensor (any dtype), checked to be a Tensor. */
export function checkTrue(name: string, yTrue: unknown): Tensor {
  return check(name, yTrue, "yTrue");
}

/**
 * yTrue and yPred with the same shape and yPred's dtype. As Keras, a trailing axis of size 1 on one
 * side only is dropped or added ([batch] labels with [batch, 1] predictions); any other difference
 * is a ShapeError naming the loss and both shapes.
 */
export function aligned(name: string, yTrue: unknown, yPred: unknown, hint = ""): [Tensor, Tensor] {
  const p = checkPred(name, yPred);
  let t = checkTrue(name, yTrue);
  if (t.rank === p.rank + 1 && t.shape[t.rank - 1] === 1) t = t.reshape(t.shape.slice(0, -1));
  else if (p.rank === t.rank + 1 && p.shape[p.rank - 1] === 1) t = t.reshape([...t.shape, 1]);
  if (t.rank !== p.rank || t.shape.some((d, i) => d !== p.shape[i])) {
    throw new ShapeError(
      `${name}: yTrue shape ${fmtShape(t.shape)} does not match yPred shape ${fmtShape(p.shape)}${hint}`,
    );
  }
  return [t.dtype === p.dtype ? t : t.cast(p.dtype), p];
}
