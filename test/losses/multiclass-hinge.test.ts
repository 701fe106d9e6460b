/** multiclassHinge, the lectures' multiclass SVM loss, as a function and as a compile string. */
import { describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";

describe("multiclassHinge", () => {
  test("integer and one-hot labels give the same loss and gradient", () => {
    const scores = bp.randn([6, 4], { seed: 3 });
    const labels = bp.tensor([0, 3, 1, 2, 2, 0], undefined, "int32");
    const f = (y: bp.Tensor) => bp.valueAndGrad((s: bp.Tensor) => bp.losses.multiclassHinge(y, s))(scores);
    const a = f(labels);
    const b = f(labels.oneHot(4));
    expect(a.value.item()).toBeCloseTo(b.value.item(), 6);
    expect(a.grad.toArray()).toEqual(b.grad.toArray());
    expect(bp.checkGrad((s) => bp.losses.multiclassHinge(labels, s), scores.cast("float64")).ok).toBe(true);
  });

  test("margin 0 charges only classes that score above the right one; categoricalHinge takes only the largest", () => {
    const s = bp.tensor([[3, 1, 5, 4]]);
    const y = bp.tensor([0], undefined, "int32");
    expect(bp.losses.multiclassHinge(y, s, { margin: 0 }).item()).toBeCloseTo(2 + 1, 6);
    expect(bp.losses.multiclassHinge(y, s).item()).toBeCloseTo(3 + 2 + 0, 6);
    expect(bp.losses.categoricalHinge(y.oneHot(4), s).item()).toBeCloseTo(5 - 3 + 1, 6);
  });

  test("as a compile string, it trains a linear classifier on three blobs", async () => {
    bp.setSeed(1);
    const centers = bp.tensor([[-2, 0], [2, 0], [0, 3]]);
    const labels = bp.tensor(Array.from({ length: 150 }, (_, i) => i % 3), undefined, "int32");
    const x = bp.gather(centers, labels).add(bp.randn([150, 2], { seed: 2 }).mul(0.5));
    const model = bp.sequential([bp.layers.dense({ units: 3, inputShape: [2] })]);
    model.compile({ optimizer: bp.optimizers.sgd({ learningRate: 0.05 }), loss: "multiclassHinge", metrics: ["accuracy"] });
    const h = await model.fit(x, labels, { epochs: 40, batchSize: 16, verbose: 0 });
    const loss = h.history.loss!;
    expect(loss.at(-1)!).toBeLessThan(loss[0]!);
    expect(model.evaluate(x, labels).accuracy).toBeGreaterThan(0.9);
    model.compile({ optimizer: "sgd", loss: "multiclass_svm" });
  });

  test("bad labels and options are errors naming the loss", () => {
    const s = bp.zeros([2, 3]);
    expect(() => bp.losses.multiclassHinge(bp.tensor([[0.5, 0.5, 0], [1, 0, 0]]), s)).toThrow(/multiclassHinge: yTrue is not one-hot: value 0.5 in row 0/);
    expect(() => bp.losses.multiclassHinge(bp.tensor([[1, 1, 0], [1, 0, 0]]), s)).toThrow(/multiclassHinge: yTrue row 0 has 2 ones/);
    expect(() => bp.losses.multiclassHinge(bp.tensor([0, 3]), s)).toThrow(/multiclassHinge/);
    expect(() => bp.losses.multiclassHinge(bp.tensor([0, 1]), s, { margin: -1 })).toThrow(/multiclassHinge: margin must be a number/);
    expect(() => bp.losses.multiclassHinge(bp.tensor([0, 1]), s, { delta: 1 } as never)).toThrow(/unknown option "delta"/);
  });
});
