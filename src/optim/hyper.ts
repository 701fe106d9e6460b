/** Checks of optimizer options: every bad hyperparameter is a ValueError naming the optimizer, the key and the value. */
import { badOption as fail, bool, checkKeys as checkOptionKeys } from "../options.js";
import type { LearningRateSchedule } from "./schedules.js";

/**
 * A learning rate: a number, a schedule from `bp.schedules`, or any `(step) => number`.
 *
 * @example
 * const rates: bp.optimizers.LearningRate[] = [0.01, bp.schedules.stepDecay({ initialLearningRate: 0.01, dropEvery: 100, factor: 0.5 }), (step) => 0.01 / (1 + step)];
 * rates.map((lr) => bp.optimizers.sgd({ learningRate: lr }).currentLearningRate());   // => [0.01, 0.01, 0.01]
 */
export type LearningRate = number | LearningRateSchedule | ((step: number) => number);

function finite(op: string, key: string, v: unknown, expected: string): number {
  if (typeof v !== "number" || !Number.isFinite(v)) fail(op, key, v, expected);
  return v;
}

export function checkLearningRate(op: string, v: unknown): LearningRate {
  if (typeof v === "function") return v as LearningRate;
  const x = finite(op, "learningRate", v, "a non-negative number or a schedule");
  if (x < 0) fail(op, "learningRate", v, "a non-negative number or a schedule");
  return x;
}

/** A number in [0, 1) (betas), or [0, 1] when `closed`. */
export function unit(op: string, key: string, v: unknown, dflt: number, closed = false): number {
  if (v === undefined) return dflt;
  const expected = closed ? "a number in [0, 1]" : "a number in [0, 1)";
  const x = finite(op, key, v, expected);
  if (x < 0 || x > 1 || (!closed && x === 1)) fail(op, key, v, expected);
  return x;
}

export function nonNegative(op: string, key: string, v: unknown, dflt: number): number {
  if (v === undefined) return dflt;
  const x = finite(op, key, v, "a non-negative number");
  if (x < 0) fail(op, key, v, "a non-negative number");
  return x;
}

/** A positive number, or undefined when not given. */
export function positiveOrUnset(op: string, key: string, v: unknown): number | undefined {
  if (v === undefined || v === null) return undefined;
  const x = finite(op, key, v, "a positive number");
  if (x <= 0) fail(op, key, v, "a positive number");
  return x;
}

export { bool };

/** Throws on option keys the optimizer does not know (a typo such as `lr` or `beta_1` is not ignored). */
export function checkKeys(op: string, options: unknown, allowed: readonly string[]): void {
  checkOptionKeys(op, options, allowed, "{ learningRate: 0.01 }");
}
