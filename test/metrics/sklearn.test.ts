/**
 * Metrics against scikit-learn (test/fixtures/metrics.json): confusion matrices, classification
 * reports (numbers and text), functional metrics, and streaming metrics fed in uneven batches.
 */
import { describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { expectClose, fixture, type ScoreCase } from "./fixture.js";

describe.each(fixture.classification.map((c) => [c.name, c] as const))("classification %s", (_name, c) => {
  test("confusionMatrix", () => {
    expect(bp.metrics.confusionMatrix(c.y_true, c.y_pred, c.num_classes)).toEqual(c.confusion_matrix);
    const t = bp.tensor(c.y_true, undefined, "int32");
    const p = bp.tensor(c.y_pred, undefined, "int32");
    expect(bp.metrics.confusionMatrix(t, p, c.num_classes)).toEqual(c.confusion_matrix);
  });

  test("classificationReport numbers", () => {
    const r = bp.metrics.classificationReport(c.y_true, c.y_pred, { numClasses: c.num_classes });
    expectClose([r.accuracy], [c.accuracy], 1e-12);
    expect(r.perClass.map((s) => s.support)).toEqual(c.per_class.map((s) => s.support));
    for (const key of ["precision", "recall", "f1"] as const) {
      expectClose(r.perClass.map((s) => s[key]), c.per_class.map((s) => s[key]), 1e-12);
      expectClose([r.macro[key], r.weighted[key]], [c.macro[key], c.weighted[key]], 1e-12);
    }
    expect(r.labels).toEqual(c.labels);
  });

  test("formatClassificationReport matches sklearn's text at 2 and 4 digits", () => {
    const r = bp.metrics.classificationReport(c.y_true, c.y_pred, { numClasses: c.num_classes });
    expect(bp.metrics.formatClassificationReport(r)).toBe(c.report_2);
    expect(bp.metrics.formatClassificationReport(r, { digits: 4 })).toBe(c.report_4);
  });
});

const tensors = (c: ScoreCase): [bp.Tensor, bp.Tensor, bp.Tensor | undefined] => [
  bp.tensor(c.y_true.data, c.y_true.shape),
  bp.tensor(c.y_prob.data, c.y_prob.shape),
  c.sample_weight ? bp.tensor(c.sample_weight) : undefined,
];

const unweighted = fixture.scores.filter((c) => !c.sample_weight);
describe.each(unweighted.map((c) => [c.name, c] as const))("functional scores %s", (_name, c) => {
  test("functional forms", () => {
    const [t, p] = tensors(c);
    expectClose([bp.metrics.accuracy(t, p).item()], [c.accuracy]);
    const specific = c.kind === "binary" ? bp.metrics.binaryAccuracy(t, p) : bp.metrics.categoricalAccuracy(t, p);
    expectClose([specific.item()], [c.accuracy]);
    expectClose([bp.metrics.precision(t, p).item()], [c.precision]);
    expectClose([bp.metrics.recall(t, p).item()], [c.recall]);
    expectClose([bp.metrics.f1(t, p).item()], [c.f1]);
    expectClose([bp.metrics.meanAbsoluteError(t, p).item()], [c.mae]);
  });
});

describe.each(fixture.scores.map((c) => [c.name, c] as const))("streaming scores %s", (_name, c) => {
  test("streaming metrics over uneven batches equal the whole-set values", () => {
    const [t, p, w] = tensors(c);
    const n = t.shape[0]!;
    const names = ["accuracy", "precision", "recall", "f1", "mae"] as const;
    const ms = names.map((name) => bp.metrics.getMetric(name));
    for (const m of ms) m.reset();
    const cuts = [0, 7, 8, 23, n];
    for (let i = 0; i + 1 < cuts.length; i++) {
      const idx = Array.from({ length: cuts[i + 1]! - cuts[i]! }, (_, k) => cuts[i]! + k);
      for (const m of ms) m.update(t.gather(idx), p.gather(idx), w?.gather(idx));
    }
    const expected = [c.accuracy, c.precision, c.recall, c.f1, c.mae];
    expectClose(ms.map((m) => m.result()), expected);
    expect(ms.map((m) => m.name)).toEqual([...names]);
  });
});

test("sparse labels give the same multi-class values as one-hot labels", () => {
  for (const c of fixture.scores.filter((s) => s.kind === "multiclass" && !s.sample_weight)) {
    const [t, p] = tensors(c);
    const sparse = t.argmax(-1);
    expectClose([bp.metrics.sparseCategoricalAccuracy(sparse, p).item(), bp.metrics.accuracy(sparse, p).item()], [c.accuracy, c.accuracy]);
    expectClose([bp.metrics.precision(sparse, p).item(), bp.metrics.f1(sparse.reshape([-1, 1]), p).item()], [c.precision, c.f1]);
  }
});
