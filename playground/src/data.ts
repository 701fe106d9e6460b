/**
 * The playground's data sets over [−6, 6]² (as the TensorFlow Playground's dataset.ts): four
 * classification sets (labels are class indices), two regression sets (labels in [−1, 1]), the
 * seeded train/test split and the input features. Everything random comes from one seeded bp.Rng,
 * so a seed gives the same points in every browser and in Node.
 */
import * as bp from "../../src/index.js";
import type { Settings } from "./settings.js";

export interface Points {
  /** x₁, x₂ of each point, interleaved. */
  xy: Float32Array;
  /** Class index (classification) or target value (regression). */
  label: Float32Array;
}

export interface Split {
  train: Points;
  test: Points;
}

type Gen = (rng: bp.Rng, n: number, noise: number, classes: number) => Points;

const make = (n: number, fill: (i: number) => [number, number, number]): Points => {
  const xy = new Float32Array(2 * n);
  const label = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const [a, b, l] = fill(i);
    xy[2 * i] = a;
    xy[2 * i + 1] = b;
    label[i] = l;
  }
  return { xy, label };
};
const between = (rng: bp.Rng, lo: number, hi: number): number => lo + (hi - lo) * rng.uniform();

/** Inside radius 2.5 (class 1) vs the ring 3.5–5 (class 0); noise moves the points, not their labels. */
const circle: Gen = (rng, n, noise) =>
  make(n, (i) => {
    const inside = i % 2 === 0;
    const r = inside ? between(rng, 0, 2.5) : between(rng, 3.5, 5);
    const t = between(rng, 0, 2 * Math.PI);
    const x = r * Math.sin(t) + between(rng, -5, 5) * noise;
    const y = r * Math.cos(t) + between(rng, -5, 5) * noise;
    return [x, y, inside ? 1 : 0];
  });

/** Points in [−5, 5]² kept 0.3 off the axes; class 1 where x·y ≥ 0 (before noise). */
const xor: Gen = (rng, n, noise) =>
  make(n, () => {
    const pad = (v: number): number => v + (v > 0 ? 0.3 : -0.3);
    const x = pad(between(rng, -5, 5));
    const y = pad(between(rng, -5, 5));
    return [x + between(rng, -5, 5) * noise, y + between(rng, -5, 5) * noise, x * y >= 0 ? 1 : 0];
  });

/** One Gaussian blob per class on a circle of radius 2√2 (two classes: at (2, 2) and (−2, −2)); spread grows with noise. */
const gauss: Gen = (rng, n, noise, k) =>
  make(n, (i) => {
    const c = i % k;
    const angle = Math.PI / 4 + (2 * Math.PI * c) / k;
    const sd = Math.sqrt(0.5 + 3.5 * noise);
    return [
      2 * Math.SQRT2 * Math.cos(angle) + sd * rng.normal(),
      2 * Math.SQRT2 * Math.sin(angle) + sd * rng.normal(),
      (k - 1 - c) % k,
    ];
  });

/** k interleaved spiral arms of 1.75 turns out to radius 5. */
const spiral: Gen = (rng, n, noise, k) =>
  make(n, (i) => {
    const c = i % k;
    const t = Math.floor(i / k) / Math.ceil(n / k);
    const r = 5 * t;
    const a = 1.75 * 2 * Math.PI * t + (2 * Math.PI * c) / k;
    return [
      r * Math.sin(a) + between(rng, -1, 1) * noise * 5,
      r * Math.cos(a) + between(rng, -1, 1) * noise * 5,
      c,
    ];
  });

/** label = (x + y) / 10 plus noise on the inputs. */
const plane: Gen = (rng, n, noise) =>
  make(n, () => {
    const x = between(rng, -6, 6);
    const y = between(rng, -6, 6);
    return [x + between(rng, -6, 6) * noise, y + between(rng, -6, 6) * noise, (x + y) / 12];
  });

const BUMPS: [number, number, number][] = [
  [-4, 2.5, 1],
  [0, 2.5, -1],
  [4, 2.5, 1],
  [-4, -2.5, -1],
  [0, -2.5, 1],
  [4, -2.5, -1],
];
/** Six Gaussian bumps of ±1; the label is the value of the strongest bump at the point. */
const multigauss: Gen = (rng, n, noise) =>
  make(n, () => {
    const x = between(rng, -6, 6);
    const y = between(rng, -6, 6);
    let best = 0;
    for (const [cx, cy, s] of BUMPS) {
      const v = s * Math.exp(-((x - cx) ** 2 + (y - cy) ** 2) / 2 / 1.6 ** 2);
      if (Math.abs(v) > Math.abs(best)) best = v;
    }
    return [x + between(rng, -6, 6) * noise, y + between(rng, -6, 6) * noise, best];
  });

const GENERATORS: Record<string, Gen> = { circle, xor, gauss, spiral, plane, multigauss };

/** The points of a built-in data set, from the settings' seed. */
export function generate(s: Settings): Points {
  const gen = GENERATORS[s.dataset];
  if (!gen) throw new Error(`no generator for data set "${s.dataset}"`);
  const classes = s.dataset === "circle" || s.dataset === "xor" ? 2 : s.classes;
  return gen(new bp.Rng(s.seed), s.points, s.noise / 100, classes);
}

/** One seeded Fisher–Yates shuffle, then the first trainRatio % train and the rest test. */
export function splitPoints(p: Points, trainRatio: number, seed: number): Split {
  const n = p.label.length;
  const order = Array.from({ length: n }, (_, i) => i);
  new bp.Rng(seed + 1).shuffle(order);
  const nTrain = Math.max(1, Math.min(n - 1, Math.round((n * trainRatio) / 100)));
  const take = (idx: number[]): Points =>
    make(idx.length, (j) => {
      const i = idx[j] as number;
      return [p.xy[2 * i] as number, p.xy[2 * i + 1] as number, p.label[i] as number];
    });
  return { train: take(order.slice(0, nTrain)), test: take(order.slice(nTrain)) };
}

export { featurize } from "./data-features.js";
