/** Toy 2-D sets, oneHot and the batch iterator. */
import { describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";

describe("toy sets", () => {
  test.each([
    ["circle", bp.data.toy.circle],
    ["xor", bp.data.toy.xor],
    ["gaussian", bp.data.toy.gaussian],
    ["spiral", bp.data.toy.spiral],
  ] as const)("%s: shapes, balanced classes, reproducible by seed", (_name, make) => {
    const a = make({ n: 101, seed: 7 });
    expect(a.x.shape).toEqual([101, 2]);
    expect(a.y.shape).toEqual([101, 1]);
    const counts = bp.data.computeClassWeight(a.labels);
    expect(Object.keys(counts)).toEqual(["0", "1"]);
    expect(Array.from(a.labels.dataSync()).filter((v) => v === 0).length).toBe(51);
    expect(Array.from(a.y.dataSync())).toEqual(Array.from(a.labels.dataSync()));
    expect(make({ n: 101, seed: 7 }).x.toArray()).toEqual(a.x.toArray());
    expect(make({ n: 101, seed: 8 }).x.toArray()).not.toEqual(a.x.toArray());
  });

  test("without noise: circle radii are 1 and the factor; xor labels follow the signs", () => {
    const c = bp.data.toy.circle({ n: 50, noise: 0, factor: 0.3, seed: 1 });
    const r = c.x.square().sum(-1).sqrt().dataSync();
    const l = c.labels.dataSync();
    r.forEach((v, i) => expect(v).toBeCloseTo(l[i] === 0 ? 1 : 0.3, 5));
    const x = bp.data.toy.xor({ n: 60, noise: 0, seed: 2 });
    const p = x.x.dataSync();
    x.labels.dataSync().forEach((v, i) => expect(v).toBe((p[2 * i]! * p[2 * i + 1]! < 0 ? 1 : 0)));
  });

  test("spiral with 3 classes gives one-hot targets", () => {
    const s = bp.data.toy.spiral({ n: 90, classes: 3, seed: 1 });
    expect(s.y.shape).toEqual([90, 3]);
    expect(Array.from(s.y.sum(0).dataSync())).toEqual([30, 30, 30]);
  });

  test("bad options throw ValueError", () => {
    expect(() => bp.data.toy.circle({ n: 0 })).toThrow(/n must be a positive integer/);
    expect(() => bp.data.toy.xor({ noise: -1 })).toThrow(/noise must be ≥ 0/);
    expect(() => bp.data.toy.spiral({ classes: 1 })).toThrow(/classes must be an integer ≥ 2/);
  });
});

describe("oneHot", () => {
  test("labels from arrays and int tensors", () => {
    expect(bp.data.oneHot([2, 0], 3).toArray()).toEqual([[0, 0, 1], [1, 0, 0]]);
    expect(bp.data.oneHot(bp.tensor([1, 0], undefined, "int32")).toArray()).toEqual([[0, 1], [1, 0]]);
    expect(() => bp.data.oneHot([3], 3)).toThrow(/label 3 at position 0 is out of range for 3 classes/);
    expect(() => bp.data.oneHot([-1])).toThrow(bp.ValueError);
  });
});

describe("batches", () => {
  const x = bp.arange(10).reshape([10, 1]);
  const y = bp.arange(10).mul(2).reshape([10, 1]);
  const collect = async (it: AsyncIterable<bp.data.Batch>): Promise<number[][]> => {
    const out: number[][] = [];
    for await (const b of it) {
      const xs = Array.from(b.x.dataSync());
      expect(Array.from(b.y!.dataSync())).toEqual(xs.map((v) => 2 * v));
      out.push(xs);
    }
    return out;
  };

  test("tensors in order, last batch smaller", async () => {
    expect(await collect(bp.data.batches({ x, y }, { batchSize: 4 }))).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]);
  });

  test("tensors shuffled exactly, seeded; dropRemainder", async () => {
    const a = await collect(bp.data.batches({ x, y }, { batchSize: 4, shuffle: true, seed: 3, dropRemainder: true }));
    expect(a.length).toBe(2);
    const b = await collect(bp.data.batches({ x, y }, { batchSize: 4, shuffle: true, seed: 3 }));
    expect(b.slice(0, 2)).toEqual(a);
    expect(b.flat().sort((p, q) => p - q)).toEqual(Array.from({ length: 10 }, (_, i) => i));
  });

  test("a generator is streamed through a shuffle buffer: every sample once", async () => {
    function* gen(): Generator<bp.data.Sample> {
      for (let i = 0; i < 25; i++) yield { x: [i, -i], y: i % 3 };
    }
    const seen: number[] = [];
    for await (const b of bp.data.batches(gen(), { batchSize: 8, shuffle: 5, seed: 1, numClasses: 3 })) {
      expect(b.x.shape[1]).toBe(2);
      const xs = b.x.dataSync();
      const ys = b.y!.argmax(-1).dataSync();
      for (let i = 0; i < b.x.shape[0]!; i++) {
        seen.push(xs[2 * i]!);
        expect(ys[i]).toBe(xs[2 * i]! % 3);
      }
    }
    expect(seen).not.toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i));
  });

  test("bad options and inconsistent samples throw", async () => {
    const first = (it: AsyncIterable<unknown>): Promise<unknown> => it[Symbol.asyncIterator]().next();
    await expect(first(bp.data.batches({ x, y }, { batchSize: 0 }))).rejects.toThrow(/batchSize must be a positive integer, got 0/);
    await expect(first(bp.data.batches([{ x: [1, 2] }, { x: [1] }], { batchSize: 2 }))).rejects.toThrow(/a sample has 1 features; expected 2/);
    await expect(first(bp.data.batches({ x, y: bp.zeros([3, 1]) }, { batchSize: 2 }))).rejects.toThrow(bp.ShapeError);
  });
});
