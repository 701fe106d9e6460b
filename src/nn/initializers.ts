/**
 * Weight initializers with Keras's formulas. Each is an object with `apply(shape, dtype?)`; a seeded
 * one gives the same values on every call (as in Keras 3), an unseeded one draws from the global
 * generator, so `bp.setSeed` makes a whole run reproducible.
 *
 *   bp.initializers.heNormal({ seed: 1 }).apply([784, 128]);
 *   bp.layers.dense({ units: 8, kernelInitializer: "glorotUniform" });
 */
import type { Spellings } from "../names.js";
import type { DType } from "../backend/dtype.js";
import { NotFoundError, ValueError } from "../errors.js";
import { positive } from "../options.js";
import { full, rand, randn, tensor, truncatedNormal as truncatedDraw } from "../tensor/creation.js";
import { rngFor } from "../tensor/random.js";
import type { Tensor } from "../tensor/tensor.js";
import { orthogonalMatrix } from "./orthogonal.js";
import { didYouMean } from "../suggest.js";

/**
 * Makes the initial value of a weight.
 *
 * @example
 * const init: bp.initializers.Initializer = bp.initializers.heNormal({ seed: 1 });
 * init.apply([784, 128]).shape;   // => [784, 128]
 * init.className;   // => "HeNormal"
 */
export interface Initializer {
  readonly className: string;
  apply(shape: number[], dtype?: DType): Tensor;
  getConfig(): Record<string, unknown>;
}

/**
 * The serialized form of an initializer (also accepted wherever an initializer is named).
 *
 * @example
 * const config: bp.initializers.InitializerConfig = { className: "RandomUniform", config: { minval: 0, maxval: 1, seed: 3 } };
 * bp.initializers.getInitializer(config).apply([2]).shape;   // => [2]
 */
export interface InitializerConfig {
  className: string;
  config: Record<string, unknown>;
}

/**
 * The seed of a random initializer (default: drawn from bp.setSeed's generator).
 *
 * @example
 * const args: bp.initializers.SeedArgs = { seed: 42 };
 * const a = bp.initializers.glorotUniform(args).apply([2, 2]).toArray();
 * bp.initializers.glorotUniform(args).apply([2, 2]);   // => a
 */
export interface SeedArgs {
  seed?: number;
}

function checkSeed(name: string, seed: number | undefined): number | undefined {
  if (seed !== undefined && seed !== null && !Number.isInteger(seed)) throw new ValueError(`${name}: seed must be an integer, got ${String(seed)}`);
  return seed ?? undefined;
}


function finite(name: string, key: string, v: number): number {
  if (typeof v !== "number" || !Number.isFinite(v)) throw new ValueError(`${name}: ${key} must be a finite number, got ${String(v)}`);
  return v;
}

/**
 * Keras's fan-in / fan-out: for conv kernels [..., in, out] the receptive field multiplies both.
 *
 * @example
 * bp.initializers.computeFans([784, 128]);   // => { fanIn: 784, fanOut: 128 }
 * bp.initializers.computeFans([3, 3, 16, 32]);   // => { fanIn: 144, fanOut: 288 }
 */
export function computeFans(shape: readonly number[]): { fanIn: number; fanOut: number } {
  if (shape.length === 0) return { fanIn: 1, fanOut: 1 };
  if (shape.length === 1) return { fanIn: shape[0]!, fanOut: shape[0]! };
  if (shape.length === 2) return { fanIn: shape[0]!, fanOut: shape[1]! };
  const receptive = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  return { fanIn: shape[shape.length - 2]! * receptive, fanOut: shape[shape.length - 1]! * receptive };
}

/** Every element the same value. */
class ConstantInit implements Initializer {
  constructor(
    readonly className: string,
    private readonly value: number,
  ) {}
  apply(shape: number[], dtype: DType = "float32"): Tensor {
    return full(shape, this.value, dtype);
  }
  getConfig(): Record<string, unknown> {
    return this.className === "Constant" ? { value: this.value } : {};
  }
}

/**
 * Zeros.
 *
 * @example
 * bp.initializers.zeros().apply([2, 2]);   // => [[0, 0], [0, 0]]
 */
export function zeros(): Initializer {
  return new ConstantInit("Zeros", 0);
}

/**
 * Ones.
 *
 * @example
 * bp.initializers.ones().apply([3]);   // => [1, 1, 1]
 */
export function ones(): Initializer {
  return new ConstantInit("Ones", 1);
}

/**
 * A constant: `constant({ value: 0.1 })`.
 *
 * @example
 * bp.initializers.constant({ value: 0.1 }).apply([2]);   // => [0.1, 0.1]
 */
export function constant(args: { value?: number } = {}): Initializer {
  return new ConstantInit("Constant", finite("constant", "value", args.value ?? 0));
}

type Draw = (shape: number[], dtype: DType, seed: number | undefined) => Tensor;

class RandomInit implements Initializer {
  constructor(
    readonly className: string,
    private readonly config: Record<string, unknown> & { seed?: number },
    private readonly draw: Draw,
  ) {}
  apply(shape: number[], dtype: DType = "float32"): Tensor {
    return this.draw(shape, dtype, this.config.seed);
  }
  getConfig(): Record<string, unknown> {
    return { ...this.config, seed: this.config.seed ?? null };
  }
}

/**
 * Normal draws, Keras defaults mean 0, stddev 0.05.
 *
 * @example
 * const w = bp.initializers.randomNormal({ mean: 0, stddev: 0.05, seed: 1 }).apply([100, 100]);
 * w.mean().abs().item() < 0.01;   // => true
 */
export function randomNormal(args: SeedArgs & { mean?: number; stddev?: number } = {}): Initializer {
  const mean = finite("randomNormal", "mean", args.mean ?? 0);
  const stddev = positive("randomNormal", "stddev", args.stddev ?? 0.05);
  const seed = checkSeed("randomNormal", args.seed);
  return new RandomInit("RandomNormal", { mean, stddev, seed }, (shape, dtype, s) => randn(shape, { mean, stddev, seed: s, dtype }));
}

/**
 * Uniform draws in [minval, maxval), Keras defaults [-0.05, 0.05).
 *
 * @example
 * const w = bp.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed: 1 }).apply([10, 10]);
 * w.abs().max().item() <= 0.05;   // => true
 */
export function randomUniform(args: SeedArgs & { minval?: number; maxval?: number } = {}): Initializer {
  const minval = finite("randomUniform", "minval", args.minval ?? -0.05);
  const maxval = finite("randomUniform", "maxval", args.maxval ?? 0.05);
  if (!(maxval > minval)) throw new ValueError(`randomUniform: maxval ${maxval} must exceed minval ${minval}`);
  const seed = checkSeed("randomUniform", args.seed);
  return new RandomInit("RandomUniform", { minval, maxval, seed }, (shape, dtype, s) => rand(shape, { minval, maxval, seed: s, dtype }));
}

/**
 * Normal draws re-drawn until within two standard deviations; Keras defaults mean 0, stddev 0.05.
 *
 * @example
 * const w = bp.initializers.truncatedNormal({ stddev: 0.1, seed: 1 }).apply([50, 50]);
 * w.abs().max().item() <= 0.2;   // => true
 */
export function truncatedNormal(args: SeedArgs & { mean?: number; stddev?: number } = {}): Initializer {
  const mean = finite("truncatedNormal", "mean", args.mean ?? 0);
  const stddev = positive("truncatedNormal", "stddev", args.stddev ?? 0.05);
  const seed = checkSeed("truncatedNormal", args.seed);
  return new RandomInit("TruncatedNormal", { mean, stddev, seed }, (shape, dtype, s) => truncatedDraw(shape, { mean, stddev, seed: s, dtype }));
}

/**
 * Which fan varianceScaling divides by: inputs, outputs or their average.
 *
 * @example
 * const mode: bp.initializers.FanMode = "fanAvg";
 * bp.initializers.varianceScaling({ mode, seed: 1 }).apply([4, 4]).shape;   // => [4, 4]
 */
export type FanMode = "fanIn" | "fanOut" | "fanAvg";
/**
 * How varianceScaling draws: truncated normal, normal or uniform.
 *
 * @example
 * const distribution: bp.initializers.Distribution = "untruncatedNormal";
 * bp.initializers.varianceScaling({ distribution, seed: 1 }).apply([4, 4]).shape;   // => [4, 4]
 */
export type Distribution = "truncatedNormal" | "untruncatedNormal" | "uniform";

/**
 * Options of varianceScaling, as in Keras: scale, mode, distribution and seed.
 *
 * @example
 * const args: bp.initializers.VarianceScalingArgs = { scale: 1, mode: "fanIn", distribution: "truncatedNormal", seed: 1 };   // LeCun normal
 * bp.initializers.varianceScaling(args).apply([64, 32]).shape;   // => [64, 32]
 */
export interface VarianceScalingArgs extends SeedArgs {
  scale?: number;
  mode?: FanMode;
  distribution?: Distribution;
}

/** Matches a string option ignoring case and underscores ("fan_in" is "fanIn"). */
function oneOf<T extends string>(key: string, value: string, allowed: readonly T[]): T {
  const norm = (v: string): string => String(v).replace(/_/g, "").toLowerCase();
  const found = allowed.find((a) => norm(a) === norm(value));
  if (found === undefined) throw new ValueError(`varianceScaling: ${key} must be one of ${allowed.map((a) => `"${a}"`).join(", ")}, got ${JSON.stringify(value)}`);
  return found;
}

/**
 * Keras's VarianceScaling: scale / fan (fan by mode), then a truncated normal with the corrected
 * stddev √(scale/fan) / 0.8796…, a normal with stddev √(scale/fan), or uniform in ±√(3·scale/fan).
 *
 * @example
 * const init = bp.initializers.varianceScaling({ scale: 2, mode: "fanIn", distribution: "uniform", seed: 1 });
 * const w = init.apply([50, 10]);   // uniform in ±sqrt(3 · 2 / 50)
 * w.abs().max().item() <= Math.sqrt(6 / 50);   // => true
 */
export function varianceScaling(args: VarianceScalingArgs = {}, className = "VarianceScaling"): Initializer {
  const scale = positive("varianceScaling", "scale", args.scale ?? 1);
  const mode = oneOf("mode", args.mode ?? "fanIn", ["fanIn", "fanOut", "fanAvg"]);
  const distribution = oneOf("distribution", args.distribution === ("normal" as string) ? "truncatedNormal" : (args.distribution ?? "truncatedNormal"), ["truncatedNormal", "untruncatedNormal", "uniform"]);
  const seed = checkSeed("varianceScaling", args.seed);
  const draw: Draw = (shape, dtype, s) => {
    const { fanIn, fanOut } = computeFans(shape);
    const fan = mode === "fanIn" ? fanIn : mode === "fanOut" ? fanOut : (fanIn + fanOut) / 2;
    const v = scale / Math.max(1, fan);
    if (distribution === "truncatedNormal") return truncatedDraw(shape, { stddev: Math.sqrt(v) / 0.87962566103423978, seed: s, dtype });
    if (distribution === "untruncatedNormal") return randn(shape, { stddev: Math.sqrt(v), seed: s, dtype });
    const limit = Math.sqrt(3 * v);
    return rand(shape, { minval: -limit, maxval: limit, seed: s, dtype });
  };
  const config = className === "VarianceScaling" ? { scale, mode, distribution, seed } : { seed };
  return new RandomInit(className, config, draw);
}

/**
 * Uniform in ±√(6 / (fanIn + fanOut)) (Xavier).
 *
 * @example
 * const w = bp.initializers.glorotUniform({ seed: 1 }).apply([20, 30]);   // uniform in ±sqrt(6 / (20 + 30))
 * w.abs().max().item() <= Math.sqrt(6 / 50);   // => true
 */
export const glorotUniform = (args: SeedArgs = {}): Initializer => varianceScaling({ scale: 1, mode: "fanAvg", distribution: "uniform", seed: args.seed }, "GlorotUniform");
/**
 * Truncated normal, stddev √(2 / (fanIn + fanOut)).
 *
 * @example
 * bp.initializers.glorotNormal({ seed: 1 }).apply([20, 30]).shape;   // => [20, 30]
 */
export const glorotNormal = (args: SeedArgs = {}): Initializer => varianceScaling({ scale: 1, mode: "fanAvg", distribution: "truncatedNormal", seed: args.seed }, "GlorotNormal");
/**
 * Uniform in ±√(6 / fanIn) (for ReLU networks).
 *
 * @example
 * const w = bp.initializers.heUniform({ seed: 1 }).apply([50, 10]);   // uniform in ±sqrt(6 / 50)
 * w.abs().max().item() <= Math.sqrt(6 / 50);   // => true
 */
export const heUniform = (args: SeedArgs = {}): Initializer => varianceScaling({ scale: 2, mode: "fanIn", distribution: "uniform", seed: args.seed }, "HeUniform");
/**
 * Truncated normal, stddev √(2 / fanIn).
 *
 * @example
 * bp.initializers.heNormal({ seed: 1 }).apply([784, 128]).shape;   // => [784, 128]
 */
export const heNormal = (args: SeedArgs = {}): Initializer => varianceScaling({ scale: 2, mode: "fanIn", distribution: "truncatedNormal", seed: args.seed }, "HeNormal");
/**
 * Truncated normal, stddev √(1 / fanIn) (for SELU networks).
 *
 * @example
 * bp.initializers.lecunNormal({ seed: 1 }).apply([64, 64]).shape;   // => [64, 64]
 */
export const lecunNormal = (args: SeedArgs = {}): Initializer => varianceScaling({ scale: 1, mode: "fanIn", distribution: "truncatedNormal", seed: args.seed }, "LecunNormal");
/**
 * Uniform in ±√(3 / fanIn).
 *
 * @example
 * const w = bp.initializers.lecunUniform({ seed: 1 }).apply([75, 10]);   // uniform in ±sqrt(3 / 75)
 * w.abs().max().item() <= 0.2;   // => true
 */
export const lecunUniform = (args: SeedArgs = {}): Initializer => varianceScaling({ scale: 1, mode: "fanIn", distribution: "uniform", seed: args.seed }, "LecunUniform");

/**
 * A (semi-)orthogonal matrix from the QR decomposition of a normal draw, times `gain` (Keras's default for recurrent kernels).
 *
 * @example
 * const q = bp.initializers.orthogonal({ seed: 1 }).apply([3, 3]);
 * bp.matmul(q, q, true).sub(bp.eye(3)).abs().max().item() < 1e-5;   // => true
 */
export function orthogonal(args: SeedArgs & { gain?: number } = {}): Initializer {
  const gain = finite("orthogonal", "gain", args.gain ?? 1);
  const seed = checkSeed("orthogonal", args.seed);
  return new RandomInit("Orthogonal", { gain, seed }, (shape, dtype, s) => {
    if (shape.length < 2) throw new ValueError(`orthogonal: shape must have rank ≥ 2, got [${shape.join(",")}]`);
    const cols = shape[shape.length - 1]!;
    const rows = shape.slice(0, -1).reduce((a, b) => a * b, 1);
    const data = orthogonalMatrix(rows, cols, rngFor(s));
    for (let i = 0; i < data.length; i++) data[i] = data[i]! * gain;
    return tensor(data, shape, dtype);
  });
}

const factories = {
  zeros: () => zeros(),
  ones: () => ones(),
  constant: (c) => constant(c),
  randomNormal: (c) => randomNormal(c),
  randomUniform: (c) => randomUniform(c),
  truncatedNormal: (c) => truncatedNormal(c),
  varianceScaling: (c) => varianceScaling(c),
  glorotUniform: (c) => glorotUniform(c),
  glorotNormal: (c) => glorotNormal(c),
  heUniform: (c) => heUniform(c),
  heNormal: (c) => heNormal(c),
  lecunNormal: (c) => lecunNormal(c),
  lecunUniform: (c) => lecunUniform(c),
  orthogonal: (c) => orthogonal(c),
} satisfies Record<string, (config: Record<string, unknown>) => Initializer>;

/** Keras's short aliases. */
const aliases = { uniform: "randomUniform", normal: "randomNormal" } as const satisfies Record<string, keyof typeof factories>;

/**
 * The initializer names that type-check (any spelling getInitializer accepts).
 *
 * @example
 * const name: bp.InitializerName = "glorotNormal";   // "glorot_normal" too
 * bp.layers.dense({ units: 2, kernelInitializer: name }).apply(bp.ones([1, 3])).shape;   // => [1, 2]
 */
export type InitializerName = Spellings<keyof typeof factories | keyof typeof aliases>;

function key(name: string): string {
  return name.replace(/_/g, "").toLowerCase();
}

const byKey = new Map<string, string>(Object.keys(factories).map((n) => [key(n), n]));
for (const [a, t] of Object.entries(aliases)) byKey.set(key(a), t);

function lookup(name: string): (config: Record<string, unknown>) => Initializer {
  const found = byKey.get(key(name));
  if (found === undefined) {
    throw new NotFoundError(`getInitializer: unknown initializer "${name}"${didYouMean(name, Object.keys(factories))}; expected one of ${Object.keys(factories).map((n) => `"${n}"`).join(", ")}`);
  }
  return factories[found as keyof typeof factories];
}

function dropNulls(config: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(config).filter(([, v]) => v !== null && v !== undefined));
}

/**
 * Resolves an initializer given by name ("heNormal", "he_normal", "HeNormal"), as an object, or as
 * its serialized `{ className, config }`.
 *
 * @example
 * bp.initializers.getInitializer("he_normal").className;   // => "HeNormal"
 * bp.initializers.getInitializer({ className: "Constant", config: { value: 2 } }).apply([1]);   // => [2]
 */
export function getInitializer(spec: string | Initializer | InitializerConfig): Initializer {
  if (typeof spec === "string") return lookup(spec)({});
  if (spec !== null && typeof spec === "object") {
    if ("apply" in spec && typeof spec.apply === "function") return spec;
    if ("className" in spec && typeof spec.className === "string") {
      const config = "config" in spec && spec.config !== null && typeof spec.config === "object" ? spec.config : {};
      return lookup(spec.className)(dropNulls(config));
    }
  }
  throw new ValueError(`getInitializer: expected an initializer name, an initializer or { className, config }, got ${JSON.stringify(spec)}`);
}

/**
 * The serialized form: `{ className: "HeNormal", config: { seed: null } }`.
 *
 * @example
 * bp.initializers.serializeInitializer(bp.initializers.constant({ value: 0.5 }));   // => { className: "Constant", config: { value: 0.5 } }
 */
export function serializeInitializer(init: Initializer): InitializerConfig {
  return { className: init.className, config: init.getConfig() };
}
