import { describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { BatchPlan, splitAt, takeBatch } from "../../src/model/batching.js";

describe("BatchPlan", () => {
  test("without shuffle: contiguous batches, last one partial", () => {
    const plan = new BatchPlan(10, 4, false, 0);
    expect(plan.batchesPerPass).toBe(3);
    expect([0, 1, 2, 3].map((s) => plan.batch(s))).toEqual([
      { start: 0, size: 4 },
      { start: 4, size: 4 },
      { start: 8, size: 2 },
      { start: 0, size: 4 },
    ]);
  });

  test("with shuffle: each pass is a permutation, passes differ, same seed same order", () => {
    const plan = new BatchPlan(50, 16, true, 7);
    const pass = (p: number): number[] => {
      const out: number[] = [];
      for (let b = 0; b < plan.batchesPerPass; b++) out.push(...plan.batch(p * plan.batchesPerPass + b).indices!);
      return out;
    };
    const p0 = pass(0);
    const p1 = pass(1);
    expect([...p0].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(p0).not.toEqual(p1);
    expect(p0).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
    const again = new BatchPlan(50, 16, true, 7);
    // a fresh plan asked for pass 1 first (a resumed run) gives the same order
    expect([...again.permutation(1)]).toEqual(p1);
    expect([...new BatchPlan(50, 16, true, 8).permutation(0)]).not.toEqual(p0);
  });

  test("with shuffle: each pass's order is Rng.shuffle's, whether the plan shuffled it batch by batch or at once", () => {
    for (const [n, batch] of [[1000, 64], [50, 16], [7, 7], [1, 4], [130, 1]] as const) {
      const plan = new BatchPlan(n, batch, true, 11);
      for (let p = 0; p < 4; p++) {
        const order: number[] = [];
        for (let b = 0; b < plan.batchesPerPass; b++) order.push(...plan.batch(p * plan.batchesPerPass + b).indices!);
        const want = Array.from({ length: n }, (_, i) => i);
        new bp.Rng(11 + p * 2 ** 32).shuffle(want);
        expect(order).toEqual(want);
      }
      // asked out of turn (a resumed run, or a pass skipped) it is the same too
      const want = Array.from({ length: n }, (_, i) => i);
      new bp.Rng(11 + 9 * 2 ** 32).shuffle(want);
      expect([...plan.permutation(9)]).toEqual(want);
      expect([...new BatchPlan(n, batch, true, 11).permutation(9)]).toEqual(want);
    }
  });

  test("takeBatch slices or gathers rows", () => {
    const x = bp.tensor([[0, 0], [1, 1], [2, 2], [3, 3]]);
    expect(takeBatch(x, { start: 1, size: 2 }).toArray()).toEqual([[1, 1], [2, 2]]);
    expect(takeBatch(x, { start: 0, size: 2, indices: Int32Array.from([3, 0]) }).toArray()).toEqual([[3, 3], [0, 0]]);
  });
});

describe("validation split (last fraction, as Keras)", () => {
  test.each([
    [10, 0.2, 8],
    [10, 0.25, 7],
    [3, 0.5, 1],
    [100, 0.1, 90],
  ])("n=%i split=%f trains on the first %i", (n, f, at) => {
    expect(splitAt("fit", n, f)).toBe(at);
  });

  test.each([[10, 0], [10, 1], [10, -0.1], [1, 0.5], [5, 0.9]])("n=%i split=%f is rejected", (n, f) => {
    expect(() => splitAt("fit", n, f)).toThrow(bp.ValueError);
  });
});
