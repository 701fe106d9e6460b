/**
 * Two-dimensional playground data sets (as in the TensorFlow Playground and scikit-learn's
 * make_circles / make_blobs): small, seeded, and hard in instructive ways — circle and xor are not
 * linearly separable, spiral needs depth.
 */
import { ValueError } from "../errors.js";
import { rngFor, type Rng } from "../tensor/random.js";
import { makeTensor, type Tensor } from "../tensor/tensor.js";

/**
 * Options of the toy 2-D sets: number of points, noise and seed.
 *
 * @example
 * const options: bp.data.ToyOptions = { n: 100, noise: 0.2, seed: 7 };
 * bp.data.toy.xor(options).x.shape;   // => [100, 2]
 */
export interface ToyOptions {
  /** Number of points (split evenly between classes); default 200. */
  n?: number;
  /** Standard deviation of Gaussian noise added to every coordinate; default 0.1. */
  noise?: number;
  /** Seed; default: drawn from the global generator (see bp.setSeed). */
  seed?: number;
}

/**
 * A toy set: `x` [n, 2] float32 points; `labels` [n] int32 classes; `y` ready for a loss —
 * [n, 1] of 0/1 for two classes (sigmoid + binaryCrossentropy), one-hot [n, k] for more.
 *
 * @example
 * const set: bp.data.ToySet = bp.data.toy.circle({ n: 50, seed: 1 });
 * set.y.shape;   // => [50, 1]
 */
export interface ToySet {
  x: Tensor;
  y: Tensor;
  labels: Tensor;
}

type Point = (rng: Rng, cls: number, classes: number) => [number, number];

function make(op: string, options: ToyOptions, classes: number, point: Point): ToySet {
  const n = options.n ?? 200;
  const noise = options.noise ?? 0.1;
  if (!Number.isInteger(n) || n < 1) throw new ValueError(`toy.${op}: n must be a positive integer, got ${n}`);
  if (!Number.isFinite(noise) || noise < 0) throw new ValueError(`toy.${op}: noise must be ≥ 0, got ${noise}`);
  const rng = rngFor(options.seed);
  const order = Array.from({ length: n }, (_, i) => i % classes);
  rng.shuffle(order);
  const xs = new Float32Array(n * 2);
  const labels = new Int32Array(n);
  const ydim = classes === 2 ? 1 : classes;
  const ys = new Float32Array(n * ydim);
  order.forEach((cls, i) => {
    const [a, b] = point(rng, cls, classes);
    xs[2 * i] = a + noise * rng.normal();
    xs[2 * i + 1] = b + noise * rng.normal();
    labels[i] = cls;
    if (ydim === 1) ys[i] = cls;
    else ys[i * ydim + cls] = 1;
  });
  return { x: makeTensor([n, 2], "float32", xs), y: makeTensor([n, ydim], "float32", ys), labels: makeTensor([n], "int32", labels) };
}

/**
 * Two concentric circles: class 0 on radius 1, class 1 on radius `factor` (default 0.5).
 *
 * @example
 * const { x, y, labels } = bp.data.toy.circle({ n: 200, noise: 0.05, seed: 1 });   // y: 0 or 1 per point
 * x.shape;   // => [200, 2]
 * y.shape;   // => [200, 1]
 * labels.shape;   // => [200]
 */
export function circle(options: ToyOptions & { factor?: number } = {}): ToySet {
  const factor = options.factor ?? 0.5;
  if (!(factor > 0 && factor < 1)) throw new ValueError(`toy.circle: factor must be in (0, 1), got ${factor}`);
  return make("circle", options, 2, (rng, cls) => {
    const t = 2 * Math.PI * rng.uniform();
    const r = cls === 0 ? 1 : factor;
    return [r * Math.cos(t), r * Math.sin(t)];
  });
}

/**
 * Points uniform in [-1, 1]², class 1 where the coordinates' signs differ (x·y < 0), class 0 where
 * they agree. Points are kept 0.05 away from the axes before noise, so the clean set is separable.
 *
 * @example
 * const { x, y } = bp.data.toy.xor({ n: 400, seed: 1 });
 * [x.shape, y.shape];   // => [[400, 2], [400, 1]]
 */
export function xor(options: ToyOptions = {}): ToySet {
  return make("xor", options, 2, (rng, cls) => {
    const a = (0.05 + 0.95 * rng.uniform()) * (rng.uniform() < 0.5 ? -1 : 1);
    const b = (0.05 + 0.95 * rng.uniform()) * Math.sign(a) * (cls === 0 ? 1 : -1);
    return [a, b];
  });
}

/**
 * Two Gaussian blobs of spread 0.5, class 0 around (-1, -1) and class 1 around (1, 1): the
 * linearly separable case.
 *
 * @example
 * const { x, labels } = bp.data.toy.gaussian({ n: 200, seed: 1 });
 * labels.sum().item();   // => 100
 */
export function gaussian(options: ToyOptions = {}): ToySet {
  return make("gaussian", options, 2, (rng, cls) => {
    const c = cls === 0 ? -1 : 1;
    return [c + 0.5 * rng.normal(), c + 0.5 * rng.normal()];
  });
}

/**
 * Interleaved spiral arms, one per class (default 2), each turning `turns` times (default 1)
 * from the centre out to radius 1.
 *
 * @example
 * const { x, y } = bp.data.toy.spiral({ n: 300, classes: 3, seed: 1 });
 * y.shape;   // => [300, 3]
 */
export function spiral(options: ToyOptions & { classes?: number; turns?: number } = {}): ToySet {
  const classes = options.classes ?? 2;
  const turns = options.turns ?? 1;
  if (!Number.isInteger(classes) || classes < 2) throw new ValueError(`toy.spiral: classes must be an integer ≥ 2, got ${classes}`);
  if (!(turns > 0)) throw new ValueError(`toy.spiral: turns must be > 0, got ${turns}`);
  return make("spiral", options, classes, (rng, cls, k) => {
    const t = rng.uniform();
    const angle = 2 * Math.PI * (turns * t + cls / k);
    return [t * Math.cos(angle), t * Math.sin(angle)];
  });
}
