/** Points where the library met its contract (API.md, Keras 3) only partly: argmax keepDims, classWeight, oneHot. */
import { describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { classification, mlp, weightsAfterFit } from "./helpers.js";

describe("argmax / argmin", () => {
  const x = bp.tensor([[1, 9, 3], [7, 2, 8]]);

  test.each([
    ["argmax", 1, [[1], [2]]],
    ["argmax", 0, [[1, 0, 1]]],
    ["argmin", 1, [[0], [1]]],
    ["argmin", -2, [[0, 1, 0]]],
  ] as const)("%s(x, %i, keepDims = true) keeps the reduced axis as size 1", (op, axis, want) => {
    const r = bp[op](x, axis, true);
    expect(r.toArray()).toEqual(want);
    expect(r.dtype).toBe("int32");
    expect(x[op](axis, true).shape).toEqual(axis === 1 ? [2, 1] : [1, 3]);
  });

  test("keepDims false (the default) drops the axis", () => {
    expect(x.argmax(1).shape).toEqual([2]);
    expect(x.argmax(1, false).toArray()).toEqual([1, 2]);
    expect(bp.scalar(4).argmax(0, true).shape).toEqual([]);
  });

  test("a list of axes is rejected with a message saying one axis is taken", () => {
    expect(() => bp.argmax(x, [0, 1] as never)).toThrow(bp.ValueError);
    expect(() => bp.argmax(x, [0, 1] as never)).toThrow("argmax: takes one axis (a number), got [0,1]");
    expect(() => bp.argmin(x, [1] as never)).toThrow("argmin: takes one axis (a number), got [1]");
    expect(() => bp.argmax(x, 0, "yes" as never)).toThrow(/argmax: keepDims must be a boolean/);
  });
});

describe("classWeight", () => {
  test("classes it leaves out weigh 1, as in Keras 3", async () => {
    const { x, y, labels } = classification(30, 3, 3);
    const run = (opts: bp.FitArgs) => weightsAfterFit(x, y, opts);
    expect(new Set(labels).size).toBe(3);
    const partial = await run({ classWeight: { 1: 3 } });
    expect(partial).toEqual(await run({ classWeight: { 0: 1, 1: 3, 2: 1 } }));
    expect(partial).toEqual(await run({ sampleWeight: bp.tensor(labels.map((l) => (l === 1 ? 3 : 1))) }));
    expect(partial).not.toEqual(await run({}));
    expect(await run({ classWeight: {} })).toEqual(await run({}));
  });

  test("bad entries are still errors", async () => {
    const { x, y } = classification(12, 3, 3);
    const model = mlp([3, 4, 3]);
    model.compile({ optimizer: "sgd", loss: "categoricalCrossentropy" });
    await expect(model.fit(x, y, { classWeight: { 1: -2 }, verbose: 0 })).rejects.toThrow(/classWeight\[1\] is -2/);
    await expect(model.fit(x, y, { classWeight: { a: 2 }, verbose: 0 })).rejects.toThrow(/classWeight key "a"/);
  });
});

describe("oneHot as a tensor method", () => {
  test("t.oneHot(depth) equals bp.oneHot(t, depth)", () => {
    const labels = bp.tensor([2, 0, 1], undefined, "int32");
    expect(labels.oneHot(3).toArray()).toEqual([[0, 0, 1], [1, 0, 0], [0, 1, 0]]);
    expect(labels.oneHot(4, 5, -1).toArray()).toEqual(bp.oneHot(labels, 4, 5, -1).toArray());
    expect(() => labels.oneHot(2)).toThrow(/oneHot: index 2 at position 0 is out of range for depth 2/);
  });
});
