/**
 * `bp.metrics`: how good predictions are — functional forms for one batch, streaming objects for
 * `compile`, and the confusion matrix and classification report of a whole test set.
 *
 *   model.compile({ optimizer: "adam", loss: "categoricalCrossentropy", metrics: ["accuracy", "f1"] });
 *   const report = bp.metrics.classificationReport(yTrueLabels, yPredLabels);
 */
export {
  accuracy, binaryAccuracy, categoricalAccuracy, f1, meanAbsoluteError, meanSquaredError, precision, recall,
  sparseCategoricalAccuracy, type ScoreOptions,
} from "./functional.js";
export { formatClassificationReport, formatConfusionMatrix, toFixedEven } from "./format.js";
export { classificationReport, confusionMatrix, type ClassificationReport, type ClassScores } from "./report.js";
export { ConfusionMetric, getMetric, MeanMetric, type Metric, type MetricFn } from "./streaming.js";
export { accuracyKind, type AccuracyKind } from "./tally.js";
