/**
 * Initializers: statistics of large draws against Keras's formulas (mean, spread, bounds, fans for
 * dense and conv kernels), seeded reproducibility, orthogonality, serialization and bad input.
 */
import { describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { thrown } from "./helpers.js";

function stats(t: bp.Tensor): { mean: number; std: number; min: number; max: number } {
  const d = t.dataSync();
  let s = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of d) {
    s += v;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const mean = s / d.length;
  let ss = 0;
  for (const v of d) ss += (v - mean) ** 2;
  return { mean, std: Math.sqrt(ss / d.length), min, max };
}

/** Fans as Keras computes them: [in, out], or receptive field × channels for [kh, kw, in, out]. */
const dense = { shape: [400, 300], fanIn: 400, fanOut: 300 };
const conv = { shape: [3, 3, 32, 64], fanIn: 9 * 32, fanOut: 9 * 64 };

// Each row: initializer, shape case, the Keras variance scale / fan, and the distribution.
const varianceRows = [
  { name: "glorotUniform", c: dense, variance: 2 / (dense.fanIn + dense.fanOut), dist: "uniform" },
  { name: "glorotNormal", c: dense, variance: 2 / (dense.fanIn + dense.fanOut), dist: "truncated" },
  { name: "heUniform", c: dense, variance: 2 / dense.fanIn, dist: "uniform" },
  { name: "heNormal", c: dense, variance: 2 / dense.fanIn, dist: "truncated" },
  { name: "lecunUniform", c: dense, variance: 1 / dense.fanIn, dist: "uniform" },
  { name: "lecunNormal", c: dense, variance: 1 / dense.fanIn, dist: "truncated" },
  { name: "glorotUniform", c: conv, variance: 2 / (conv.fanIn + conv.fanOut), dist: "uniform" },
  { name: "heNormal", c: conv, variance: 2 / conv.fanIn, dist: "truncated" },
  { name: "lecunNormal", c: conv, variance: 1 / conv.fanIn, dist: "truncated" },
] as const;

type Factory = (args?: { seed?: number }) => bp.initializers.Initializer;
const init = (name: string): Factory => (bp.initializers as unknown as Record<string, Factory>)[name]!;

describe("variance-scaling initializers follow Keras's formulas", () => {
  test.each(varianceRows.map((r) => [`${r.name} ${JSON.stringify(r.c.shape)}`, r] as const))("%s", (_n, r) => {
    const t = init(r.name)({ seed: 7 }).apply([...r.c.shape]);
    expect(t.shape).toEqual(r.c.shape);
    const s = stats(t);
    const target = Math.sqrt(r.variance);
    // the spread matches √(scale / fan) within sampling error (≥ 18k draws)
    expect(Math.abs(s.std / target - 1)).toBeLessThan(0.03);
    expect(Math.abs(s.mean)).toBeLessThan(0.03 * target);
    if (r.dist === "uniform") {
      const limit = Math.sqrt(3 * r.variance);
      expect(s.max).toBeLessThanOrEqual(limit);
      expect(s.min).toBeGreaterThanOrEqual(-limit);
      expect(s.max).toBeGreaterThan(0.99 * limit);
    } else {
      // truncated at two of the corrected standard deviations √(scale/fan) / 0.8796…
      const bound = (2 * target) / 0.87962566103423978;
      expect(s.max).toBeLessThanOrEqual(bound * (1 + 1e-6));
      expect(s.min).toBeGreaterThanOrEqual(-bound * (1 + 1e-6));
      expect(s.max).toBeGreaterThan(0.97 * bound);
    }
  });
});

describe("simple random initializers", () => {
  test("randomNormal: Keras defaults mean 0, stddev 0.05; options respected", () => {
    const s = stats(bp.initializers.randomNormal({ seed: 1 }).apply([200, 100]));
    expect(Math.abs(s.mean)).toBeLessThan(0.002);
    expect(Math.abs(s.std / 0.05 - 1)).toBeLessThan(0.03);
    const t = stats(bp.initializers.randomNormal({ mean: 3, stddev: 2, seed: 1 }).apply([20000]));
    expect(Math.abs(t.mean - 3)).toBeLessThan(0.06);
    expect(Math.abs(t.std / 2 - 1)).toBeLessThan(0.03);
  });

  test("randomUniform: Keras defaults ±0.05", () => {
    const s = stats(bp.initializers.randomUniform({ seed: 1 }).apply([20000]));
    expect(s.min).toBeGreaterThanOrEqual(-0.05);
    expect(s.max).toBeLessThan(0.05);
    expect(Math.abs(s.std / (0.1 / Math.sqrt(12)) - 1)).toBeLessThan(0.03);
    const t = stats(bp.initializers.randomUniform({ minval: 2, maxval: 5, seed: 2 }).apply([20000]));
    expect(t.min).toBeGreaterThanOrEqual(2);
    expect(t.max).toBeLessThan(5);
    expect(Math.abs(t.mean - 3.5)).toBeLessThan(0.03);
  });

  test("truncatedNormal: within two standard deviations, Keras default stddev 0.05", () => {
    const s = stats(bp.initializers.truncatedNormal({ seed: 3 }).apply([20000]));
    expect(s.max).toBeLessThanOrEqual(0.1 + 1e-7);
    expect(s.min).toBeGreaterThanOrEqual(-0.1 - 1e-7);
    // a standard normal truncated at ±2 has standard deviation 0.8796…
    expect(Math.abs(s.std / (0.05 * 0.87962566103423978) - 1)).toBeLessThan(0.03);
  });

  test("varianceScaling with an untruncated normal", () => {
    const s = stats(bp.initializers.varianceScaling({ scale: 2, mode: "fanOut", distribution: "untruncatedNormal", seed: 4 }).apply([100, 400]));
    expect(Math.abs(s.std / Math.sqrt(2 / 400) - 1)).toBeLessThan(0.03);
  });
});

describe("constant initializers", () => {
  test.each([
    ["zeros", bp.initializers.zeros(), 0],
    ["ones", bp.initializers.ones(), 1],
    ["constant", bp.initializers.constant({ value: 0.25 }), 0.25],
  ] as const)("%s", (_n, i, v) => {
    const t = i.apply([2, 3]);
    expect(t.shape).toEqual([2, 3]);
    expect([...t.dataSync()].every((x) => x === v)).toBe(true);
    expect(i.apply([2], "float64").dtype).toBe("float64");
  });
});

describe("orthogonal", () => {
  test.each([[[6, 6]], [[8, 3]], [[3, 12]], [[2, 3, 4]]])("shape %j: orthonormal rows or columns", (shape) => {
    const t = bp.initializers.orthogonal({ seed: 5 }).apply(shape, "float64");
    expect(t.shape).toEqual(shape);
    const cols = shape[shape.length - 1]!;
    const m = t.reshape([-1, cols]);
    const [rows] = m.shape as [number, number];
    const gram = rows >= cols ? m.matmul(m, true, false) : m.matmul(m, false, true);
    const n = Math.min(rows, cols);
    const d = gram.dataSync();
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(Math.abs(d[i * n + j]! - (i === j ? 1 : 0))).toBeLessThan(1e-12);
  });

  test("gain scales the matrix", () => {
    const a = bp.initializers.orthogonal({ seed: 9 }).apply([4, 4], "float64").dataSync();
    const b = bp.initializers.orthogonal({ seed: 9, gain: 2 }).apply([4, 4], "float64").dataSync();
    a.forEach((v, i) => expect(b[i]).toBeCloseTo(2 * v, 12));
  });

  test("rank 1 is rejected", () => {
    const e = thrown(() => bp.initializers.orthogonal().apply([5]));
    expect(e).toBeInstanceOf(bp.ValueError);
    expect(e.message).toMatch(/orthogonal: shape must have rank ≥ 2, got \[5\]/);
  });
});

describe("seeding", () => {
  const names = ["randomNormal", "randomUniform", "truncatedNormal", "glorotUniform", "glorotNormal", "heUniform", "heNormal", "lecunNormal", "lecunUniform", "orthogonal"];

  test.each(names)("%s: the same seed gives the same values, another seed others", (name) => {
    const a = init(name)({ seed: 11 }).apply([5, 4]).dataSync();
    const b = init(name)({ seed: 11 }).apply([5, 4]).dataSync();
    const again = init(name)({ seed: 11 });
    expect([...again.apply([5, 4]).dataSync()]).toEqual([...again.apply([5, 4]).dataSync()]);
    const c = init(name)({ seed: 12 }).apply([5, 4]).dataSync();
    expect([...a]).toEqual([...b]);
    expect([...a]).not.toEqual([...c]);
  });

  test.each(names)("%s: unseeded draws follow bp.setSeed", (name) => {
    bp.setSeed(123);
    const a = init(name)().apply([5, 4]).dataSync();
    const a2 = init(name)().apply([5, 4]).dataSync();
    bp.setSeed(123);
    const b = init(name)().apply([5, 4]).dataSync();
    expect([...a]).toEqual([...b]);
    expect([...a]).not.toEqual([...a2]);
  });
});

describe("names and configs", () => {
  test.each([
    ["heNormal", "HeNormal"],
    ["he_normal", "HeNormal"],
    ["HeNormal", "HeNormal"],
    ["glorotUniform", "GlorotUniform"],
    ["zeros", "Zeros"],
    ["uniform", "RandomUniform"],
    ["normal", "RandomNormal"],
    ["orthogonal", "Orthogonal"],
  ])("getInitializer(%j) is %s", (name, className) => {
    expect(bp.initializers.getInitializer(name).className).toBe(className);
  });

  test("serialize → getInitializer round trip keeps the options and the values", () => {
    for (const i of [bp.initializers.randomNormal({ mean: 1, stddev: 2, seed: 3 }), bp.initializers.constant({ value: 4 }), bp.initializers.heUniform({ seed: 5 }), bp.initializers.orthogonal({ gain: 0.5, seed: 1 }), bp.initializers.varianceScaling({ scale: 3, mode: "fanAvg", distribution: "uniform", seed: 2 })]) {
      const json = JSON.parse(JSON.stringify(bp.initializers.serializeInitializer(i))) as bp.initializers.InitializerConfig;
      const back = bp.initializers.getInitializer(json);
      expect(back.className).toBe(i.className);
      expect(back.getConfig()).toEqual(i.getConfig());
      expect([...back.apply([3, 4]).dataSync()]).toEqual([...i.apply([3, 4]).dataSync()]);
    }
  });

  test("unknown name: NotFoundError listing the valid names", () => {
    const e = thrown(() => bp.initializers.getInitializer("heNormall"));
    expect(e).toBeInstanceOf(bp.NotFoundError);
    expect(e.message).toMatch(/getInitializer: unknown initializer "heNormall" \(did you mean "heNormal"\?\); expected one of .*"glorotUniform".*"heNormal"/);
  });

  test("bad options are ValueErrors naming the option", () => {
    const cases: [() => unknown, RegExp][] = [
      [() => bp.initializers.randomNormal({ stddev: -1 }), /randomNormal: stddev must be a positive finite number, got -1/],
      [() => bp.initializers.randomUniform({ minval: 1, maxval: 0 }), /randomUniform: maxval 0 must exceed minval 1/],
      [() => bp.initializers.heNormal({ seed: 1.5 }), /seed must be an integer, got 1.5/],
      [() => bp.initializers.varianceScaling({ mode: "fanMiddle" as "fanIn" }), /varianceScaling: mode must be one of "fanIn", "fanOut", "fanAvg", got "fanMiddle"/],
    ];
    for (const [fn, re] of cases) {
      const e = thrown(fn);
      expect(e).toBeInstanceOf(bp.ValueError);
      expect(e.message).toMatch(re);
    }
  });
});
