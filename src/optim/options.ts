/**
 * The options every optimizer takes (learning rate, gradient clipping, weight decay), checked once
 * for all of them, and the learning rate as getConfig saves it.
 */
import { ValueError } from "../errors.js";
import { checkKeys, checkLearningRate, nonNegative, positiveOrUnset, type LearningRate } from "./hyper.js";
import type { ScheduleConfig } from "./schedules.js";

/**
 * Options every optimizer takes.
 *
 * @example
 * const options: bp.OptimizerOptions = { learningRate: 0.01, clipNorm: 1, weightDecay: 1e-4 };
 * bp.optimizers.rmsprop(options).clipNorm;   // => 1
 */
export interface OptimizerOptions {
  /** A number, or a schedule of the step from `bp.schedules`. */
  learningRate?: LearningRate;
  /** Rescale each gradient tensor to this L2 norm when its norm exceeds it. */
  clipNorm?: number;
  /** Rescale all gradients together when their joint L2 norm exceeds this. */
  globalClipNorm?: number;
  /** Clip every gradient element to [−clipValue, clipValue]. */
  clipValue?: number;
  /** Decoupled weight decay: p ← p − lr·weightDecay·p before each update. */
  weightDecay?: number;
}

const BASE_KEYS = ["learningRate", "clipNorm", "globalClipNorm", "clipValue", "weightDecay"] as const;

/** The base options, checked, with the optimizer's defaults filled in. */
export interface BaseOptions {
  learningRate: LearningRate;
  clipNorm: number | undefined;
  globalClipNorm: number | undefined;
  clipValue: number | undefined;
  weightDecay: number | undefined;
}

/**
 * Checks an optimizer's options (`op` names it): no key but the base ones and `ownKeys`, a valid
 * learning rate, positive clip bounds of which at most one is set, a non-negative weight decay.
 */
export function baseOptions(
  op: string,
  options: OptimizerOptions & object,
  defaults: { learningRate: number; weightDecay?: number },
  ownKeys: readonly string[],
): BaseOptions {
  checkKeys(op, options, [...BASE_KEYS, ...ownKeys]);
  const checked = {
    learningRate: checkLearningRate(op, options.learningRate ?? defaults.learningRate),
    clipNorm: positiveOrUnset(op, "clipNorm", options.clipNorm),
    globalClipNorm: positiveOrUnset(op, "globalClipNorm", options.globalClipNorm),
    clipValue: positiveOrUnset(op, "clipValue", options.clipValue),
  };
  const clips = (["clipNorm", "globalClipNorm", "clipValue"] as const).filter(
    (k) => checked[k] !== undefined,
  );
  if (clips.length > 1)
    throw new ValueError(
      `${op}: set only one of clipNorm, globalClipNorm, clipValue; got ${clips.join(" and ")}`,
    );
  const wd = options.weightDecay ?? defaults.weightDecay;
  return { ...checked, weightDecay: wd === undefined ? undefined : nonNegative(op, "weightDecay", wd, 0) };
}

/** The learning rate as getConfig saves it: a number or a schedule's config (a plain function cannot be saved). */
export function learningRateConfig(op: string, lr: LearningRate): number | ScheduleConfig {
  if (typeof lr === "number") return lr;
  if ("getConfig" in lr && typeof lr.getConfig === "function") return lr.getConfig();
  throw new ValueError(
    `${op}.getConfig: a custom learning-rate function cannot be saved; use a schedule from bp.schedules`,
  );
}
