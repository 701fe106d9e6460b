/**
 * Train / validation / test splits: seeded, optionally stratified (each class keeps its share in
 * every split), and disjoint — no sample lands in two splits.
 */
import { fmtShape, ShapeError, ValueError } from "../errors.js";
import { rngFor, type Rng } from "../tensor/random.js";
import type { Tensor } from "../tensor/tensor.js";
import { toClassIndices, type LabelsLike } from "./labels.js";

/**
 * Shares (or counts) of the validation and test parts, stratification and seed of bp.data.split.
 *
 * @example
 * const options: bp.data.SplitOptions = { test: 0.25, stratify: false, shuffle: false };
 * bp.data.split(bp.arange(0, 8), undefined, options).test.x.shape;   // => [2]
 */
export interface SplitOptions {
  /** Share (0 ≤ f < 1) or count (an integer ≥ 1) of samples for validation; default 0. */
  validation?: number;
  /** Share or count for test; default 0. */
  test?: number;
  /** Keep each class's proportion in every split (needs labels); default true when labels are given. */
  stratify?: boolean;
  /** Seed of the shuffle; default: drawn from the global generator (see bp.setSeed). */
  seed?: number;
  /** Shuffle the order inside each split; default true. */
  shuffle?: boolean;
}

/**
 * The sample indices of each part of a split (see bp.data.splitIndices).
 *
 * @example
 * const parts: bp.data.SplitIndices = bp.data.splitIndices(100, { validation: 0.1, test: 0.2, seed: 1 });
 * [parts.train.length, parts.validation.length, parts.test.length];   // => [70, 10, 20]
 */
export interface SplitIndices {
  train: Int32Array;
  validation: Int32Array;
  test: Int32Array;
}

/**
 * One part of a split: its inputs and, when labels were given, its labels.
 *
 * @example
 * const { train }: { train: bp.data.Subset } = bp.data.split(bp.ones([10, 3]), bp.ones([10, 1]), { test: 0.3, stratify: false, seed: 1 });
 * train.x.shape;   // => [7, 3]
 */
export interface Subset {
  x: Tensor;
  y: Tensor | undefined;
}

function amount(op: string, name: string, v: number | undefined, n: number): number {
  if (v === undefined) return 0;
  if (!Number.isFinite(v) || v < 0) throw new ValueError(`${op}: ${name} must be a share in [0, 1) or a count ≥ 1, got ${v}`);
  if (v < 1) return Math.round(v * n);
  if (!Number.isInteger(v)) throw new ValueError(`${op}: ${name} ${v} is ≥ 1, so it must be a whole count of samples`);
  return v;
}

/** Splits `total` among groups in proportion to `sizes` (largest remainder), never exceeding a group's size. */
function apportion(total: number, sizes: readonly number[], capacity: readonly number[]): number[] {
  const n = sizes.reduce((a, b) => a + b, 0);
  const ideal = sizes.map((s) => (n === 0 ? 0 : (s * total) / n));
  const out = ideal.map((v, i) => Math.min(Math.floor(v), capacity[i] as number));
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = ideal.map((v, i) => [v - Math.floor(v), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  while (left > 0) {
    let moved = false;
    for (const [, i] of order) {
      if (left === 0) break;
      if ((out[i] as number) < (capacity[i] as number)) {
        out[i]! += 1;
        left--;
        moved = true;
      }
    }
    if (!moved) break;
  }
  return out;
}

function shuffled(rng: Rng, idx: number[]): number[] {
  rng.shuffle(idx);
  return idx;
}

/**
 * The indices of each split, for `n` samples or for these labels (then stratified by default).
 * Used by `split` and by `bp.data.mnist()`.
 *
 * @example
 * const { train, test } = bp.data.splitIndices([0, 0, 1, 1], { test: 0.5, seed: 1 });
 * train.length;   // => 2
 * test.length;   // => 2
 */
export function splitIndices(nOrLabels: number | LabelsLike, options: SplitOptions = {}): SplitIndices {
  const op = "split";
  const labels = typeof nOrLabels === "number" ? undefined : toClassIndices(op, nOrLabels);
  const n = labels ? labels.length : (nOrLabels as number);
  const nTest = amount(op, "test", options.test, n);
  const nVal = amount(op, "validation", options.validation, n);
  if (nTest + nVal > n) {
    throw new ValueError(`${op}: test (${nTest}) and validation (${nVal}) samples exceed the ${n} samples available`);
  }
  const stratify = options.stratify ?? labels !== undefined;
  if (stratify && !labels) throw new ValueError(`${op}: stratify needs labels (y); got none`);
  const rng = rngFor(options.seed);
  const groups: number[][] = [];
  if (stratify && labels) {
    labels.forEach((c, i) => (groups[c] ??= []).push(i));
  } else {
    groups.push(Array.from({ length: n }, (_, i) => i));
  }
  const members = groups.filter((g) => g !== undefined).map((g) => shuffled(rng, g));
  const sizes = members.map((g) => g.length);
  const testPer = apportion(nTest, sizes, sizes);
  const valPer = apportion(nVal, sizes, sizes.map((s, i) => s - (testPer[i] as number)));
  const parts: [number[], number[], number[]] = [[], [], []];
  members.forEach((g, i) => {
    const t = testPer[i] as number;
    const v = valPer[i] as number;
    g.forEach((sample, j) => parts[j < t ? 2 : j < t + v ? 1 : 0].push(sample));
  });
  const order = (idx: number[]): Int32Array => Int32Array.from(options.shuffle === false ? idx.sort((a, b) => a - b) : shuffled(rng, idx));
  return { train: order(parts[0]), validation: order(parts[1]), test: order(parts[2]) };
}

/**
 * Splits samples (axis 0 of x and y) into train, validation and test sets. Stratified by y's
 * classes unless `stratify: false`; reproducible with `seed`.
 *
 * @example
 * const x = bp.arange(0, 20).reshape([10, 2]);
 * const y = bp.tensor([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
 * const { train, validation, test } = bp.data.split(x, y, { validation: 0.2, test: 0.2, seed: 1 });
 * [train.x.shape[0], validation.x.shape[0], test.x.shape[0]];   // => [6, 2, 2]
 * test.y!.sum().item();   // => 1
 */
export function split(x: Tensor, y?: Tensor, options: SplitOptions = {}): { train: Subset; validation: Subset; test: Subset } {
  const n = x.shape[0];
  if (n === undefined) throw new ShapeError(`split: x must have a sample axis; got a scalar`);
  if (y && y.shape[0] !== n) {
    throw new ShapeError(`split: x has ${n} samples (shape ${fmtShape(x.shape)}) but y has ${y.shape[0] ?? "no"} (shape ${fmtShape(y.shape)})`);
  }
  const stratify = options.stratify ?? y !== undefined;
  const idx = splitIndices(stratify && y ? y : n, { ...options, stratify });
  const take = (i: Int32Array): Subset => ({ x: x.gather(Array.from(i), 0), y: y?.gather(Array.from(i), 0) });
  return { train: take(idx.train), validation: take(idx.validation), test: take(idx.test) };
}
