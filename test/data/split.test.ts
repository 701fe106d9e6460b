/** Splits: disjoint, complete, stratified, seeded. */
import { describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";

// 3 classes with 50, 30 and 20 samples; x holds each sample's index so splits can be traced
const labels = [...new Array(50).fill(0), ...new Array(30).fill(1), ...new Array(20).fill(2)] as number[];
const x = bp.arange(100).reshape([100, 1]);
const y = bp.oneHot(labels, 3);

const ids = (t: bp.Tensor): number[] => Array.from(t.dataSync());
const classCounts = (t: bp.Tensor): number[] => Array.from(t.sum(0).dataSync());

describe("split", () => {
  test("every sample lands in exactly one split", () => {
    const { train, validation, test: tst } = bp.data.split(x, y, { validation: 0.2, test: 0.1, seed: 3 });
    const all = [...ids(train.x), ...ids(validation.x), ...ids(tst.x)].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect([train.x.shape[0], validation.x.shape[0], tst.x.shape[0]]).toEqual([70, 20, 10]);
  });

  test("stratified: each class keeps its share in every split", () => {
    const s = bp.data.split(x, y, { validation: 0.2, test: 0.1, seed: 3 });
    expect(classCounts(s.validation.y!)).toEqual([10, 6, 4]);
    expect(classCounts(s.test.y!)).toEqual([5, 3, 2]);
    expect(classCounts(s.train.y!)).toEqual([35, 21, 14]);
  });

  test("x and y rows stay paired", () => {
    const s = bp.data.split(x, y, { test: 0.3, seed: 9 });
    const xi = ids(s.test.x);
    const yi = Array.from(s.test.y!.argmax(-1).dataSync());
    expect(yi).toEqual(xi.map((i) => labels[i]));
  });

  test("the same seed gives the same split, another seed another", () => {
    const a = ids(bp.data.split(x, y, { test: 0.2, seed: 1 }).test.x);
    expect(ids(bp.data.split(x, y, { test: 0.2, seed: 1 }).test.x)).toEqual(a);
    expect(ids(bp.data.split(x, y, { test: 0.2, seed: 2 }).test.x)).not.toEqual(a);
  });

  test("uneven shares use largest remainders and give exact totals", () => {
    const idx = bp.data.splitIndices([0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2], { test: 5, seed: 4 });
    expect(idx.test.length).toBe(5);
    expect(idx.train.length).toBe(8);
    const counts = [0, 0, 0];
    for (const i of idx.test) counts[[0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2][i]!]! += 1;
    expect(counts).toEqual([1, 2, 2]);
  });

  test("without labels or with stratify: false, a plain shuffled split", () => {
    const s = bp.data.split(x, undefined, { test: 0.25, seed: 5 });
    expect(s.test.x.shape).toEqual([25, 1]);
    expect(s.test.y).toBeUndefined();
    const u = bp.data.split(x, y, { test: 0.25, stratify: false, seed: 5 });
    expect(u.test.x.shape[0]).toBe(25);
  });

  test.each([
    ["shares over 1", { validation: 0.6, test: 0.5 }, /exceed the 100 samples/],
    ["negative share", { test: -0.1 }, /test must be a share/],
    ["fractional count", { test: 2.5 }, /whole count/],
  ])("%s throws ValueError", (_name, opts, message) => {
    expect(() => bp.data.split(x, y, opts)).toThrow(bp.ValueError);
    expect(() => bp.data.split(x, y, opts)).toThrow(message);
  });

  test("x and y with different sample counts throw ShapeError", () => {
    expect(() => bp.data.split(x, bp.zeros([99, 3]))).toThrow(bp.ShapeError);
  });
});
