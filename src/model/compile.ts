/**
 * What compile fixes: the optimizer, the loss (with per-sample values for sample and class weights)
 * and the streaming metrics, one set for training and one for evaluation / validation.
 */
import { ValueError } from "../errors.js";
import { getLoss, type LossIdentifier } from "../losses/index.js";
import type { CheckedName } from "../names.js";

/** A loss as model.json stores it: a name, or a built-in loss name with its options (e.g. fromLogits). */
export type SavedLoss = string | { name: string; options: Record<string, unknown> };
import { getMetric, type Metric, type MetricFn } from "../metrics/index.js";
import { getOptimizer, type Optimizer, type OptimizerName } from "../optim/index.js";
import type { Tensor } from "../tensor/tensor.js";

/**
 * A loss as compile takes it: labels and predictions in, a scalar (or one value per sample) out.
 *
 * @example
 * const meanCubed: bp.LossFn = (yTrue, yPred) => yTrue.sub(yPred).abs().pow(3).mean();
 * const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [1], kernelInitializer: "zeros" })]);
 * model.compile({ optimizer: "sgd", loss: meanCubed });
 * model.evaluate(bp.ones([2, 1]), bp.full([2, 1], 2)).loss;   // => 8
 */
export type LossFn = (yTrue: Tensor, yPred: Tensor) => Tensor;
/**
 * A metric as compile takes it: a name, a function, or a streaming metric object.
 *
 * @example
 * const rmse: bp.MetricSpec = (yTrue, yPred) => yTrue.sub(yPred).square().mean(-1).sqrt();
 * const specs: bp.MetricSpec[] = ["mae", rmse, bp.metrics.getMetric("mse")];
 * const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [1], kernelInitializer: "zeros" })]);
 * model.compile({ optimizer: "sgd", loss: "mse", metrics: specs });
 * Object.keys(model.evaluate(bp.ones([2, 1]), bp.full([2, 1], 3)));   // => ["loss", "mae", "rmse", "mse"]
 */
export type MetricSpec = string | MetricFn | Metric;

/**
 * compile's options. A name written as a literal must be a known one (a misspelling is a type
 * error); a name in a `string` variable is checked when compile runs.
 *
 * @example
 * const args: bp.CompileArgs = { optimizer: "adam", loss: "sparseCategoricalCrossentropy", metrics: ["accuracy", "f1"] };
 * const model = bp.sequential([bp.layers.dense({ units: 3, activation: "softmax", inputShape: [4] })]);
 * model.compile(args);
 * Object.keys(model.evaluate(bp.ones([2, 4]), bp.tensor([0, 2])));   // => ["loss", "accuracy", "f1"]
 */
export interface CompileArgs<L extends string = LossIdentifier, O extends string = OptimizerName> {
  /** An optimizer instance, or a name with default settings: "sgd", "adam", "rmsprop"… */
  optimizer: CheckedName<O, OptimizerName> | Optimizer;
  /** A loss name ("categoricalCrossentropy", "meanSquaredError"…) or a function (yTrue, yPred) => scalar Tensor. */
  loss: CheckedName<L, LossIdentifier> | LossFn;
  /** Names ("accuracy"…), functions or metric objects; their names become history keys. */
  metrics?: MetricSpec[];
}

export interface Compiled {
  optimizer: Optimizer;
  loss: { name: string; perSample: (yTrue: Tensor, yPred: Tensor) => Tensor };
  /** How the loss is saved with the model: its name as given, or a built-in loss with options; null for a custom function. */
  lossName: SavedLoss | null;
  metricSpecs: MetricSpec[];
  trainMetrics: Metric[];
  evalMetrics: Metric[];
}

/** Resolves compile's arguments; unknown names are NotFoundErrors from the registries. */
export function resolveCompile(args: CompileArgs<string, string>): Compiled {
  if (typeof args !== "object" || args === null) throw new ValueError("compile: expected { optimizer, loss, metrics? }");
  if (args.optimizer === undefined) throw new ValueError('compile: optimizer is missing; e.g. "adam" or bp.optimizers.sgd({ learningRate: 0.1 })');
  if (args.loss === undefined) throw new ValueError('compile: loss is missing; e.g. "meanSquaredError" or "categoricalCrossentropy"');
  const metricSpecs = args.metrics ?? [];
  if (!Array.isArray(metricSpecs)) throw new ValueError("compile: metrics must be an array, e.g. [\"accuracy\"]");
  const optimizer = getOptimizer(args.optimizer);
  const loss = getLoss(args.loss);
  const lossName: SavedLoss | null =
    typeof args.loss === "string"
      ? args.loss
      : loss.config === null
        ? null
        : Object.keys(loss.config.options).length === 0
          ? loss.config.name
          : { name: loss.config.name, options: loss.config.options };
  const make = (): Metric[] => metricSpecs.map((m) => (typeof m === "object" ? m : getMetric(m, loss.name)));
  const trainMetrics = make();
  // a metric object given by the user serves both; fresh named metrics keep validation separate
  const evalMetrics = metricSpecs.map((m, i) => (typeof m === "object" ? (trainMetrics[i] as Metric) : getMetric(m, loss.name)));
  const names = new Set<string>(["loss"]);
  for (const m of trainMetrics) {
    if (names.has(m.name)) throw new ValueError(`compile: two figures are named "${m.name}"; give each metric a distinct name`);
    names.add(m.name);
  }
  return { optimizer, loss, lossName, metricSpecs, trainMetrics, evalMetrics };
}
