/**
 * Streaming metrics for `compile({ metrics })`: objects that accumulate over the batches of an
 * epoch and report the epoch's value, as Keras's metric classes. Accuracy-like metrics keep a
 * weighted mean; precision, recall and F1 keep confusion counts, so the epoch value is exact (not a
 * mean of per-batch values).
 */
import { NotFoundError } from "../errors.js";
import { tidy } from "../tensor/engine.js";
import type { Tensor } from "../tensor/tensor.js";
import * as F from "./functional.js";
import { accuracyKind, addCounts, correctPerSample, macroScore, samplesOf, weightsOf, type AccuracyKind, type Counts } from "./tally.js";
import { didYouMean } from "../suggest.js";

const METRIC_NAMES = ["accuracy", "binaryAccuracy", "categoricalAccuracy", "sparseCategoricalAccuracy", "precision", "recall", "f1", "meanAbsoluteError", "meanSquaredError"];

/**
 * A metric accumulated over an epoch; `name` is its key in the history and logs.
 *
 * @example
 * let sum = 0;
 * let count = 0;
 * const maxError: bp.metrics.Metric = {
 *   name: "max_error",
 *   reset: () => { sum = 0; count = 0; },
 *   update: (yTrue, yPred) => { sum = Math.max(sum, yTrue.sub(yPred).abs().max().item()); count++; },
 *   result: () => sum,
 * };
 * maxError.update(bp.tensor([1, 2]), bp.tensor([1.5, 4]));
 * maxError.result();   // => 2
 */
export interface Metric {
  name: string;
  reset(): void;
  update(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor): void;
  result(): number;
}

/**
 * A metric as a function: labels and predictions in, one value per sample (or a scalar) out.
 *
 * @example
 * const within1: bp.metrics.MetricFn = (yTrue, yPred) => yTrue.sub(yPred).abs().lessEqual(1).cast("float32");
 * const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [1], kernelInitializer: "zeros" })]);
 * model.compile({ optimizer: "sgd", loss: "meanSquaredError", metrics: [within1] });
 * model.evaluate(bp.tensor([[1], [1]]), bp.tensor([[0.5], [3]])).within1;   // => 0.5
 */
export type MetricFn = (yTrue: Tensor, yPred: Tensor) => Tensor;

/**
 * Weighted mean of a per-sample value over everything seen since reset.
 *
 * @example
 * const absError = (yTrue: bp.Tensor, yPred: bp.Tensor) => yTrue.sub(yPred).abs().mean(-1).dataSync();
 * const m = new bp.metrics.MeanMetric("mae", absError);
 * m.update(bp.tensor([[1], [2]]), bp.tensor([[1.5], [2]]));
 * m.result();   // => 0.25
 */
export class MeanMetric implements Metric {
  private total = 0;
  private count = 0;
  constructor(
    readonly name: string,
    private readonly perSample: (yTrue: Tensor, yPred: Tensor) => ArrayLike<number>,
  ) {}

  /**
   * Forgets the values so far (fit does this at the start of every epoch).
   *
   * @example
   * const m = bp.metrics.getMetric("mae");
   * m.update(bp.tensor([[0]]), bp.tensor([[10]]));
   * m.reset();
   * m.update(bp.tensor([[0]]), bp.tensor([[1]]));
   * m.result();   // => 1
   */
  reset(): void {
    this.total = 0;
    this.count = 0;
  }

  /**
   * Adds a batch: each sample's value, weighted by sampleWeight when given.
   *
   * @example
   * const m = bp.metrics.getMetric("mse");
   * m.update(bp.tensor([[0], [0]]), bp.tensor([[1], [3]]), bp.tensor([1, 0]));   // the second sample weighs 0
   * m.result();   // => 1
   */
  update(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor): void {
    const v = this.perSample(yTrue, yPred);
    const w = weightsOf(this.name, sampleWeight, v.length);
    for (let i = 0; i < v.length; i++) {
      this.total += (v[i] as number) * (w[i] as number);
      this.count += w[i] as number;
    }
  }

  /**
   * The weighted mean over every sample seen since the last reset.
   *
   * @example
   * const m = bp.metrics.getMetric("mae");
   * m.update(bp.tensor([[0]]), bp.tensor([[1]]));
   * m.update(bp.tensor([[0], [0]]), bp.tensor([[2], [3]]));
   * m.result();   // => 2
   */
  result(): number {
    return this.count > 0 ? this.total / this.count : 0;
  }
}

/**
 * Precision, recall or F1 from confusion counts accumulated since reset (binary or macro).
 *
 * @example
 * const m = new bp.metrics.ConfusionMetric("recall", "recall", { binary: true });
 * m.update(bp.tensor([[1], [1]]), bp.tensor([[0.9], [0.1]]));
 * m.update(bp.tensor([[1], [0]]), bp.tensor([[0.8], [0.7]]));
 * m.result();   // => 0.6666667
 */
export class ConfusionMetric implements Metric {
  private counts: Counts | undefined;
  constructor(
    readonly name: string,
    private readonly which: "precision" | "recall" | "f1",
    private readonly options: { threshold?: number; binary?: boolean } = {},
  ) {}

  /**
   * Forgets the counts so far (fit does this at the start of every epoch).
   *
   * @example
   * const m = new bp.metrics.ConfusionMetric("precision", "precision", { binary: true });
   * m.update(bp.tensor([[0]]), bp.tensor([[0.9]]));
   * m.reset();
   * m.update(bp.tensor([[1]]), bp.tensor([[0.9]]));
   * m.result();   // => 1
   */
  reset(): void {
    this.counts = undefined;
  }

  /**
   * Adds a batch's true and predicted labels to the counts (optionally weighted per sample).
   *
   * @example
   * const m = new bp.metrics.ConfusionMetric("f1", "f1");   // multi-class: macro average
   * m.update(bp.tensor([0, 1]), bp.tensor([[0.9, 0.1], [0.2, 0.8]]));
   * m.result();   // => 1
   */
  update(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor): void {
    this.counts = addCounts(this.name, this.counts, yTrue, yPred, { ...this.options, sampleWeight });
  }

  /**
   * The metric over everything seen since the last reset.
   *
   * @example
   * const m = new bp.metrics.ConfusionMetric("recall", "recall", { binary: true, threshold: 0.5 });
   * m.update(bp.tensor([[1], [1], [0]]), bp.tensor([[0.9], [0.3], [0.8]]));
   * m.result();   // => 0.5
   */
  result(): number {
    return this.counts ? macroScore(this.counts, this.which) : 0;
  }
}

const accuracyOf = (name: string, kind: AccuracyKind | undefined): Metric =>
  new MeanMetric(name, (t, p) => correctPerSample(name, kind ?? accuracyKind(t, p), t, p));

const LOSS_KIND: Record<string, AccuracyKind> = {
  binarycrossentropy: "binary", categoricalcrossentropy: "categorical", sparsecategoricalcrossentropy: "sparse",
};

/** Lower-case without separators: "binary_accuracy", "binaryAccuracy" → "binaryaccuracy". */
const canon = (s: string): string => s.toLowerCase().replace(/[_\-\s]/g, "");

type Factory = (name: string, lossName: string | undefined) => Metric;

const REGISTRY: Record<string, Factory> = {
  accuracy: (name, loss) => accuracyOf(name, loss === undefined ? undefined : LOSS_KIND[canon(loss)]),
  acc: (_name, loss) => REGISTRY["accuracy"]!("accuracy", loss),
  binaryaccuracy: (name) => accuracyOf(name, "binary"),
  categoricalaccuracy: (name) => accuracyOf(name, "categorical"),
  sparsecategoricalaccuracy: (name) => accuracyOf(name, "sparse"),
  precision: (name, loss) => new ConfusionMetric(name, "precision", { binary: loss !== undefined && canon(loss) === "binarycrossentropy" }),
  recall: (name, loss) => new ConfusionMetric(name, "recall", { binary: loss !== undefined && canon(loss) === "binarycrossentropy" }),
  f1: (name, loss) => new ConfusionMetric(name, "f1", { binary: loss !== undefined && canon(loss) === "binarycrossentropy" }),
  f1score: (name, loss) => REGISTRY["f1"]!(name, loss),
  meanabsoluteerror: (name) => new MeanMetric(name, (t, p) => F.perSampleMean(name, t, p, (a, b) => Math.abs(a - b))),
  mae: (name) => REGISTRY["meanabsoluteerror"]!(name, undefined),
  meansquarederror: (name) => new MeanMetric(name, (t, p) => F.perSampleMean(name, t, p, (a, b) => (a - b) ** 2)),
  mse: (name) => REGISTRY["meansquarederror"]!(name, undefined),
};

/** The library's functional metrics, recognized by identity so they stream exactly too. */
const FUNCTIONS = new Map<MetricFn, string>([
  [F.accuracy, "accuracy"], [F.binaryAccuracy, "binaryAccuracy"], [F.categoricalAccuracy, "categoricalAccuracy"],
  [F.sparseCategoricalAccuracy, "sparseCategoricalAccuracy"], [F.precision, "precision"], [F.recall, "recall"],
  [F.f1, "f1"], [F.meanAbsoluteError, "meanAbsoluteError"], [F.meanSquaredError, "meanSquaredError"],
]);

const isMetric = (m: unknown): m is Metric =>
  typeof m === "object" && m !== null && typeof (m as Metric).update === "function" && typeof (m as Metric).result === "function";

/**
 * A fresh streaming metric for a name, a function or a Metric object (returned as is).
 * Names: accuracy (acc), binaryAccuracy, categoricalAccuracy, sparseCategoricalAccuracy, precision,
 * recall, f1, meanAbsoluteError (mae), meanSquaredError (mse) — camelCase or snake_case. The history
 * key is the name as given ("acc" becomes "accuracy"). "accuracy" follows the loss like Keras
 * (binary / categorical / sparse crossentropy), else the shapes. precision / recall / f1 are binary
 * for one output or a binaryCrossentropy loss, else macro over classes. A custom function
 * `(yTrue, yPred) => Tensor` is averaged over samples, weighted by batch size.
 *
 * @example
 * const m = bp.metrics.getMetric("accuracy", "categoricalCrossentropy");
 * m.update(bp.tensor([[0, 1], [1, 0]]), bp.tensor([[0.2, 0.8], [0.6, 0.4]]));
 * m.update(bp.tensor([[0, 1]]), bp.tensor([[0.9, 0.1]]));
 * m.result();   // => 0.6666667
 * m.name;   // => "accuracy"
 */
export function getMetric(nameOrFn: string | MetricFn | Metric, lossName?: string): Metric {
  if (isMetric(nameOrFn)) return nameOrFn;
  if (typeof nameOrFn === "function") {
    const known = FUNCTIONS.get(nameOrFn);
    if (known) return getMetric(known, lossName);
    const fn = nameOrFn;
    return new MeanMetric(fn.name || "metric", (t, p) => {
      const data = Array.from(tidy(() => fn(t, p).dataSync()));
      const n = samplesOf(fn.name || "metric", t, p);
      return data.length === n ? data : new Float64Array(n).fill(data.reduce((a, b) => a + b, 0) / Math.max(1, data.length));
    });
  }
  const factory = typeof nameOrFn === "string" ? REGISTRY[canon(nameOrFn)] : undefined;
  if (!factory) {
    throw new NotFoundError(
      `getMetric: unknown metric ${JSON.stringify(nameOrFn)}${typeof nameOrFn === "string" ? didYouMean(nameOrFn, METRIC_NAMES) : ""}; expected one of accuracy, binaryAccuracy, categoricalAccuracy, sparseCategoricalAccuracy, precision, recall, f1, meanAbsoluteError, meanSquaredError, or a function (yTrue, yPred) => Tensor`,
    );
  }
  return factory(nameOrFn as string, lossName);
}
