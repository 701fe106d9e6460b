/**
 * `bp.optimizers`: the factories, the classes, and lookup by name for `compile({ optimizer })`.
 * Defaults follow TensorFlow.js (`"sgd"` 0.01, `"adagrad"` 0.01, `"rmsprop"` 0.001, `"adam"` 0.001,
 * `"adamax"` 0.002, `"adadelta"` 1) and Keras 3 for the optimizers TensorFlow.js lacks
 * (`"adamw"`, `"nadam"`: 0.001).
 *
 *   const opt = bp.optimizers.adam({ learningRate: 0.01 });
 *   model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
 */
import type { Spellings } from "../names.js";
import { NotFoundError, ValueError } from "../errors.js";
import { Adadelta } from "./adadelta.js";
import { Adagrad } from "./adagrad.js";
import { Adam, AdamW } from "./adam.js";
import { Adamax } from "./adamax.js";
import { Nadam } from "./nadam.js";
import { Optimizer } from "./optimizer.js";
import { RMSprop } from "./rmsprop.js";
import { scheduleFromConfig, type ScheduleConfig } from "./schedules.js";
import { SGD } from "./sgd.js";
import { didYouMean } from "../suggest.js";

export { Adadelta, adadelta, adadeltaUpdate, type AdadeltaOptions } from "./adadelta.js";
export { Adagrad, adagrad, adagradUpdate, type AdagradOptions } from "./adagrad.js";
export { Adam, adam, adamUpdate, AdamW, adamw, type AdamOptions } from "./adam.js";
export { Adamax, adamax, adamaxUpdate, type AdamaxOptions } from "./adamax.js";
export { clipByGlobalNorm, clipByNorm, clipByValue } from "./clip.js";
export type { LearningRate } from "./hyper.js";
export { Nadam, nadam, nadamMomentum, nadamUpdate, type NadamOptions } from "./nadam.js";
export {
  Optimizer,
  type GradientPair,
  type NamedTensor,
  type OptimizerOptions,
  type StepInfo,
} from "./optimizer.js";
export { RMSprop, rmsprop, rmspropUpdate, type RMSpropOptions } from "./rmsprop.js";
export { SGD, sgd, sgdUpdate, type SGDOptions } from "./sgd.js";

type OptimizerClass = new (options: Record<string, unknown>) => Optimizer;

const classes = {
  sgd: SGD,
  adagrad: Adagrad,
  rmsprop: RMSprop,
  adam: Adam,
  adamw: AdamW,
  adamax: Adamax,
  nadam: Nadam,
  adadelta: Adadelta,
} as const;

/** Keras's class names, which name the same optimizers. */
type KerasOptimizerClass = "SGD" | "Adagrad" | "RMSprop" | "Adam" | "AdamW" | "Adamax" | "Nadam" | "Adadelta";

/**
 * The optimizer names that type-check in `compile({ optimizer })` (lookup is case-insensitive at run time).
 *
 * @example
 * const name: bp.OptimizerName = "rmsprop";   // "RMSprop" too; a misspelt name is a type error
 * const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [2] })]);
 * model.compile({ optimizer: name, loss: "mse" });
 * model.optimizer!.className;   // => "RMSprop"
 */
export type OptimizerName = Spellings<keyof typeof classes> | KerasOptimizerClass;

/**
 * The names `getOptimizer` accepts (case-insensitive; Keras class names such as "RMSprop" too).
 *
 * @example
 * bp.optimizers.optimizerNames.includes("adamw");   // => true
 */
export const optimizerNames = Object.keys(classes);

function lookup(op: string, name: string): OptimizerClass {
  const cls = (classes as Record<string, OptimizerClass | undefined>)[String(name).replace(/_/g, "").toLowerCase()];
  if (!cls)
    throw new NotFoundError(`${op}: unknown optimizer "${name}"${didYouMean(String(name), optimizerNames)}; valid names: ${optimizerNames.join(", ")}`);
  return cls;
}

/**
 * An optimizer from a name (with its defaults, or `options`) or the instance itself:
 * `getOptimizer("adam")`, `getOptimizer("sgd", { learningRate: 0.1 })`.
 *
 * @example
 * const opt = bp.optimizers.getOptimizer("sgd", { learningRate: 0.1, momentum: 0.9 });
 * opt.className;   // => "SGD"
 * opt.currentLearningRate();   // => 0.1
 */
export function getOptimizer(nameOrInstance: string | Optimizer, options: Record<string, unknown> = {}): Optimizer {
  if (nameOrInstance instanceof Optimizer) return nameOrInstance;
  if (typeof nameOrInstance !== "string") {
    throw new ValueError(
      `getOptimizer: expected an optimizer name or instance, got ${String(nameOrInstance)}`,
    );
  }
  return new (lookup("getOptimizer", nameOrInstance))(options);
}

/**
 * Rebuilds an optimizer from its class name and getConfig() (a learning-rate schedule config included).
 *
 * @example
 * const adam = bp.optimizers.adam({ learningRate: 0.002 });
 * const copy = bp.optimizers.optimizerFromConfig(adam.className, adam.getConfig());
 * copy.currentLearningRate();   // => 0.002
 */
export function optimizerFromConfig(className: string, config: Record<string, unknown>): Optimizer {
  const cls = lookup("optimizerFromConfig", className);
  const { learningRate, ...rest } = config ?? {};
  const lr =
    typeof learningRate === "object" && learningRate !== null
      ? scheduleFromConfig(learningRate as ScheduleConfig)
      : learningRate;
  return new cls(lr === undefined ? rest : { ...rest, learningRate: lr });
}
