/**
 * Learning-rate schedules (Keras 3 formulas): functions of the step — the number of updates already
 * applied, from 0 — that any optimizer accepts as its `learningRate`.
 *
 *   const lr = bp.schedules.cosineDecay({ initialLearningRate: 1e-2, decaySteps: 1000 });
 *   lr(0);      // 0.01
 *   bp.optimizers.adam({ learningRate: lr });
 */
import { NotFoundError, ValueError } from "../errors.js";
import { didYouMean } from "../suggest.js";
import { checkKeys, positiveInt } from "../options.js";

/**
 * Options of a schedule as saved: `{ schedule: "cosineDecay", initialLearningRate: 0.01, ... }`.
 *
 * @example
 * const config: bp.schedules.ScheduleConfig = bp.schedules.cosineDecay({ initialLearningRate: 0.01, decaySteps: 10 }).getConfig();
 * config.schedule;   // => "cosineDecay"
 */
export type ScheduleConfig = { schedule: string } & Record<string, unknown>;

/**
 * A schedule: call it with a step to get the learning rate; getConfig() serializes it.
 *
 * @example
 * const lr: bp.schedules.LearningRateSchedule = bp.schedules.exponentialDecay({ initialLearningRate: 1, decaySteps: 1, decayRate: 0.9, staircase: true });
 * lr.scheduleName;   // => "exponentialDecay"
 * lr(2);   // => 0.81
 */
export interface LearningRateSchedule {
  (step: number): number;
  /** The factory's name: "exponentialDecay", "cosineDecay", ... */
  readonly scheduleName: string;
  getConfig(): ScheduleConfig;
}

function makeSchedule<O extends object>(
  name: string,
  options: O,
  fn: (step: number) => number,
): LearningRateSchedule {
  const schedule = (step: number): number => {
    if (typeof step !== "number" || !Number.isInteger(step) || step < 0) {
      throw new ValueError(
        `${name}: step must be a non-negative integer (updates already applied), got ${String(step)}`,
      );
    }
    return fn(step);
  };
  return Object.assign(schedule, {
    scheduleName: name,
    getConfig: (): ScheduleConfig => ({ schedule: name, ...options }),
  });
}

function num(op: string, key: string, v: unknown, ok: (x: number) => boolean, expected: string): number {
  if (typeof v !== "number" || !Number.isFinite(v) || !ok(v)) {
    throw new ValueError(`${op}: ${key} must be ${expected}, got ${String(v)}`);
  }
  return v;
}
const nonNegative = (op: string, key: string, v: unknown): number =>
  num(op, key, v, (x) => x >= 0, "a non-negative number");
const positive = (op: string, key: string, v: unknown): number =>
  num(op, key, v, (x) => x > 0, "a positive number");

/**
 * Options of exponentialDecay, as in Keras: initial rate, decay steps and rate, staircase.
 *
 * @example
 * const options: bp.schedules.ExponentialDecayOptions = { initialLearningRate: 0.01, decaySteps: 1000, decayRate: 0.96, staircase: true };
 * bp.schedules.exponentialDecay(options)(999);   // => 0.01
 */
export interface ExponentialDecayOptions {
  initialLearningRate: number;
  decaySteps: number;
  decayRate: number;
  /** Decay in whole periods of decaySteps (floor of the exponent); default false. */
  staircase?: boolean;
}

/**
 * lr0 · decayRate^(step / decaySteps) (staircase: the exponent's floor).
 *
 * @example
 * const lr = bp.schedules.exponentialDecay({ initialLearningRate: 0.1, decaySteps: 100, decayRate: 0.5 });
 * lr(0);   // => 0.1
 * lr(100);   // => 0.05
 * lr(50);   // => 0.0707107
 */
export function exponentialDecay(options: ExponentialDecayOptions): LearningRateSchedule {
  const op = "exponentialDecay";
  checkKeys(op, options, ["initialLearningRate", "decaySteps", "decayRate", "staircase"]);
  const lr0 = nonNegative(op, "initialLearningRate", options.initialLearningRate);
  const decaySteps = positive(op, "decaySteps", options.decaySteps);
  const decayRate = nonNegative(op, "decayRate", options.decayRate);
  const staircase = options.staircase ?? false;
  const config = { initialLearningRate: lr0, decaySteps, decayRate, staircase };
  return makeSchedule(op, config, (step) => {
    const p = step / decaySteps;
    return lr0 * decayRate ** (staircase ? Math.floor(p) : p);
  });
}

/**
 * Options of cosineDecay, as in Keras: initial rate, decay steps, alpha, warmup.
 *
 * @example
 * const options: bp.schedules.CosineDecayOptions = { initialLearningRate: 0, decaySteps: 100, warmupTarget: 0.1, warmupSteps: 10, alpha: 0.1 };
 * bp.schedules.cosineDecay(options)(5);   // => 0.05
 */
export interface CosineDecayOptions {
  initialLearningRate: number;
  decaySteps: number;
  /** The floor, as a fraction of the peak rate; default 0. */
  alpha?: number;
  /** With warmupSteps: the rate rises linearly from initialLearningRate to this, then decays from it. */
  warmupTarget?: number;
  /** Steps of linear warmup before the decay; default 0. */
  warmupSteps?: number;
}

/**
 * Cosine decay, with Keras 3's optional linear warmup. s = min(step, warmupSteps + decaySteps):
 * s < warmupSteps → lr0 + (warmupTarget − lr0)·s / warmupSteps; otherwise, with d = s − warmupSteps
 * and peak = warmupTarget (lr0 without warmup): peak·((1 − alpha)·½(1 + cos(π·d / decaySteps)) + alpha).
 *
 * @example
 * const lr = bp.schedules.cosineDecay({ initialLearningRate: 0.01, decaySteps: 1000 });
 * lr(0);   // => 0.01
 * lr(500);   // => 0.005
 * lr(1000);   // => 0
 * bp.optimizers.adam({ learningRate: lr }).currentLearningRate();   // => 0.01
 */
export function cosineDecay(options: CosineDecayOptions): LearningRateSchedule {
  const op = "cosineDecay";
  checkKeys(op, options, ["initialLearningRate", "decaySteps", "alpha", "warmupTarget", "warmupSteps"]);
  const lr0 = nonNegative(op, "initialLearningRate", options.initialLearningRate);
  const decaySteps = positive(op, "decaySteps", options.decaySteps);
  const alpha = num(op, "alpha", options.alpha ?? 0, (x) => x >= 0 && x <= 1, "a number in [0, 1]");
  const warmupSteps = nonNegative(op, "warmupSteps", options.warmupSteps ?? 0);
  const target =
    options.warmupTarget === undefined ? undefined : nonNegative(op, "warmupTarget", options.warmupTarget);
  if (target === undefined && warmupSteps > 0) {
    throw new ValueError(
      `${op}: warmupSteps ${warmupSteps} needs warmupTarget (the rate reached after the warmup)`,
    );
  }
  const config: Record<string, unknown> = { initialLearningRate: lr0, decaySteps, alpha };
  if (target !== undefined) Object.assign(config, { warmupTarget: target, warmupSteps });
  const decay = (d: number, peak: number): number =>
    peak * ((1 - alpha) * 0.5 * (1 + Math.cos((Math.PI * d) / decaySteps)) + alpha);
  return makeSchedule(op, config, (step) => {
    if (target === undefined) return decay(Math.min(step, decaySteps), lr0);
    const s = Math.min(step, warmupSteps + decaySteps);
    if (s < warmupSteps) return lr0 + ((target - lr0) * s) / warmupSteps;
    return decay(s - warmupSteps, target);
  });
}

/**
 * Options of stepDecay: initial rate, steps between drops, and the factor of each drop.
 *
 * @example
 * const options: bp.schedules.StepDecayOptions = { initialLearningRate: 0.2, dropEvery: 5, factor: 0.1 };
 * bp.schedules.stepDecay(options)(5);   // => 0.02
 */
export interface StepDecayOptions {
  initialLearningRate: number;
  /** Steps between drops. */
  dropEvery: number;
  /** Multiplier at each drop, e.g. 0.5. */
  factor: number;
}

/**
 * lr0 · factor^floor(step / dropEvery): the rate drops by `factor` every `dropEvery` steps.
 *
 * @example
 * const lr = bp.schedules.stepDecay({ initialLearningRate: 0.1, dropEvery: 10, factor: 0.5 });
 * [lr(0), lr(9), lr(10), lr(25)];   // => [0.1, 0.1, 0.05, 0.025]
 */
export function stepDecay(options: StepDecayOptions): LearningRateSchedule {
  const op = "stepDecay";
  checkKeys(op, options, ["initialLearningRate", "dropEvery", "factor"]);
  const lr0 = nonNegative(op, "initialLearningRate", options.initialLearningRate);
  const dropEvery = positiveInt(op, "dropEvery", options.dropEvery);
  const factor = nonNegative(op, "factor", options.factor);
  return makeSchedule(
    op,
    { initialLearningRate: lr0, dropEvery, factor },
    (step) => lr0 * factor ** Math.floor(step / dropEvery),
  );
}

/**
 * Options of inverseTimeDecay, as in Keras: initial rate, decay steps and rate, staircase.
 *
 * @example
 * const options: bp.schedules.InverseTimeDecayOptions = { initialLearningRate: 0.1, decaySteps: 10, decayRate: 1, staircase: true };
 * bp.schedules.inverseTimeDecay(options)(15);   // => 0.05
 */
export interface InverseTimeDecayOptions {
  initialLearningRate: number;
  decaySteps: number;
  decayRate: number;
  staircase?: boolean;
}

/**
 * lr0 / (1 + decayRate · step / decaySteps) (staircase: the ratio's floor).
 *
 * @example
 * const lr = bp.schedules.inverseTimeDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 1 });
 * lr(10);   // => 0.05
 */
export function inverseTimeDecay(options: InverseTimeDecayOptions): LearningRateSchedule {
  const op = "inverseTimeDecay";
  checkKeys(op, options, ["initialLearningRate", "decaySteps", "decayRate", "staircase"]);
  const lr0 = nonNegative(op, "initialLearningRate", options.initialLearningRate);
  const decaySteps = positive(op, "decaySteps", options.decaySteps);
  const decayRate = nonNegative(op, "decayRate", options.decayRate);
  const staircase = options.staircase ?? false;
  return makeSchedule(op, { initialLearningRate: lr0, decaySteps, decayRate, staircase }, (step) => {
    const p = step / decaySteps;
    return lr0 / (1 + decayRate * (staircase ? Math.floor(p) : p));
  });
}

/**
 * Options of polynomialDecay, as in Keras: initial and end rate, decay steps, power, cycle.
 *
 * @example
 * const options: bp.schedules.PolynomialDecayOptions = { initialLearningRate: 0.1, decaySteps: 10, power: 2, cycle: true };
 * bp.schedules.polynomialDecay(options)(10);   // => 0.0001
 */
export interface PolynomialDecayOptions {
  initialLearningRate: number;
  decaySteps: number;
  /** The rate reached at decaySteps; default 1e-4 (Keras). */
  endLearningRate?: number;
  /** Default 1 (linear). */
  power?: number;
  /** Restart after decaySteps with the next multiple of decaySteps as horizon; default false. */
  cycle?: boolean;
}

/**
 * (lr0 − end)·(1 − s / decaySteps)^power + end, with s = min(step, decaySteps) (Keras's cycle option too).
 *
 * @example
 * const lr = bp.schedules.polynomialDecay({ initialLearningRate: 0.1, decaySteps: 100, endLearningRate: 0.01, power: 1 });
 * lr(50);   // => 0.055
 * lr(200);   // => 0.01
 */
export function polynomialDecay(options: PolynomialDecayOptions): LearningRateSchedule {
  const op = "polynomialDecay";
  checkKeys(op, options, ["initialLearningRate", "decaySteps", "endLearningRate", "power", "cycle"]);
  const lr0 = nonNegative(op, "initialLearningRate", options.initialLearningRate);
  const decaySteps = positive(op, "decaySteps", options.decaySteps);
  const end = nonNegative(op, "endLearningRate", options.endLearningRate ?? 1e-4);
  const power = positive(op, "power", options.power ?? 1);
  const cycle = options.cycle ?? false;
  const config = { initialLearningRate: lr0, decaySteps, endLearningRate: end, power, cycle };
  return makeSchedule(op, config, (step) => {
    const horizon = cycle ? decaySteps * Math.max(1, Math.ceil(step / decaySteps)) : decaySteps;
    const s = cycle ? step : Math.min(step, decaySteps);
    return (lr0 - end) * (1 - s / horizon) ** power + end;
  });
}

/**
 * Options of piecewiseConstantDecay: step boundaries and the rate in each interval.
 *
 * @example
 * const options: bp.schedules.PiecewiseConstantDecayOptions = { boundaries: [10], values: [1, 0.1] };
 * bp.schedules.piecewiseConstantDecay(options)(11);   // => 0.1
 */
export interface PiecewiseConstantDecayOptions {
  /** Increasing step boundaries. */
  boundaries: number[];
  /** One more value than boundaries: values[i] applies while step ≤ boundaries[i]. */
  values: number[];
}

/**
 * values[0] while step ≤ boundaries[0], values[1] while step ≤ boundaries[1], ..., then the last value.
 *
 * @example
 * const lr = bp.schedules.piecewiseConstantDecay({ boundaries: [100, 200], values: [0.1, 0.01, 0.001] });
 * [lr(0), lr(150), lr(300)];   // => [0.1, 0.01, 0.001]
 */
export function piecewiseConstantDecay(options: PiecewiseConstantDecayOptions): LearningRateSchedule {
  const op = "piecewiseConstantDecay";
  checkKeys(op, options, ["boundaries", "values"]);
  const { boundaries, values } = options;
  if (!Array.isArray(boundaries) || !Array.isArray(values) || values.length !== boundaries.length + 1) {
    throw new ValueError(`${op}: expected arrays with values.length = boundaries.length + 1`);
  }
  boundaries.forEach((b, i) => {
    num(op, `boundaries[${i}]`, b, (x) => i === 0 || x > (boundaries[i - 1] as number), "increasing numbers");
  });
  values.forEach((v, i) => nonNegative(op, `values[${i}]`, v));
  const config = { boundaries: [...boundaries], values: [...values] };
  return makeSchedule(op, config, (step) => {
    const i = boundaries.findIndex((b) => step <= b);
    return values[i === -1 ? values.length - 1 : i] as number;
  });
}

type Factory = (options: never) => LearningRateSchedule;
const factories: Record<string, Factory> = {
  exponentialDecay,
  cosineDecay,
  stepDecay,
  inverseTimeDecay,
  polynomialDecay,
  piecewiseConstantDecay,
};

/**
 * Rebuilds a schedule from getConfig()'s output (Keras class names such as "CosineDecay" work too).
 *
 * @example
 * const lr = bp.schedules.scheduleFromConfig({ schedule: "stepDecay", initialLearningRate: 1, dropEvery: 2, factor: 0.1 });
 * lr(2);   // => 0.1
 */
export function scheduleFromConfig(config: ScheduleConfig): LearningRateSchedule {
  const { schedule, ...options } = config ?? {};
  const name = Object.keys(factories).find((n) => n.toLowerCase() === String(schedule).toLowerCase());
  if (name === undefined) {
    throw new NotFoundError(
      `scheduleFromConfig: unknown schedule "${String(schedule)}"${didYouMean(String(schedule), Object.keys(factories))}; valid names: ${Object.keys(factories).join(", ")}`,
    );
  }
  return (factories[name] as (o: object) => LearningRateSchedule)(options);
}
