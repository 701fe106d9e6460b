/**
 * Losses by name, for `compile({ loss })`: `getLoss("categoricalCrossentropy")` gives the model the
 * per-sample values it weighs with sample and class weights. Names are camelCase as in
 * TensorFlow.js; Keras's snake_case spellings and the short aliases (mse, mae, msle, kld) work too.
 *
 *   const { name, perSample } = getLoss("mse");          // name "meanSquaredError"
 *   model.compile({ optimizer: "adam", loss: bp.losses.withOptions("categoricalCrossentropy", { fromLogits: true }) });
 */
import type { Spellings } from "../names.js";
import { NotFoundError, ValueError } from "../errors.js";
import type { Tensor } from "../tensor/tensor.js";
import {
  binaryCrossentropy,
  categoricalCrossentropy,
  sparseCategoricalCrossentropy,
} from "./crossentropy.js";
import type { CrossentropyOptions, SparseCrossentropyOptions } from "./crossentropy.js";
import { lossEntryOf, registerLossFn, type Loss, type LossEntry, type LossFn } from "./define.js";
import { cosineSimilarity, kullbackLeiblerDivergence } from "./divergence.js";
import { categoricalHinge, hinge, multiclassHinge, squaredHinge, type MulticlassHingeOptions } from "./hinge.js";
import type { HuberOptions } from "./regression.js";
import {
  huber,
  logCosh,
  meanAbsoluteError,
  meanSquaredError,
  meanSquaredLogarithmicError,
} from "./regression.js";
import { didYouMean } from "../suggest.js";

/**
 * Every built-in loss with its options type.
 *
 * @example
 * const options: bp.losses.LossOptionsByName["huber"] = { delta: 0.5 };
 * bp.losses.withOptions("huber", options)(bp.tensor([[0]]), bp.tensor([[1]])).item();   // => 0.375
 */
export interface LossOptionsByName {
  meanSquaredError: Record<string, never>;
  meanAbsoluteError: Record<string, never>;
  meanSquaredLogarithmicError: Record<string, never>;
  huber: HuberOptions;
  logCosh: Record<string, never>;
  binaryCrossentropy: CrossentropyOptions;
  categoricalCrossentropy: CrossentropyOptions;
  sparseCategoricalCrossentropy: SparseCrossentropyOptions;
  hinge: Record<string, never>;
  squaredHinge: Record<string, never>;
  categoricalHinge: Record<string, never>;
  multiclassHinge: MulticlassHingeOptions;
  kullbackLeiblerDivergence: Record<string, never>;
  cosineSimilarity: Record<string, never>;
}
/**
 * The canonical names of the built-in losses (camelCase), as withOptions takes them.
 *
 * @example
 * const names: bp.LossName[] = ["meanSquaredError", "huber"];
 * names.map((n) => bp.losses.getLoss(n).name);   // => ["meanSquaredError", "huber"]
 */
export type LossName = keyof LossOptionsByName;

const builtins: { [K in LossName]: Loss<LossOptionsByName[K]> } = {
  meanSquaredError,
  meanAbsoluteError,
  meanSquaredLogarithmicError,
  huber,
  logCosh,
  binaryCrossentropy,
  categoricalCrossentropy,
  sparseCategoricalCrossentropy,
  hinge,
  squaredHinge,
  categoricalHinge,
  multiclassHinge,
  kullbackLeiblerDivergence,
  cosineSimilarity,
};

/**
 * The canonical names, in the order error messages list them.
 *
 * @example
 * bp.losses.lossNames.includes("multiclassHinge");   // => true
 */
export const lossNames = Object.keys(builtins) as LossName[];

const aliases = {
  mse: "meanSquaredError",
  mae: "meanAbsoluteError",
  msle: "meanSquaredLogarithmicError",
  kld: "kullbackLeiblerDivergence",
  kldivergence: "kullbackLeiblerDivergence",
  huberloss: "huber",
  logcosh: "logCosh",
  cosine: "cosineSimilarity",
  cosineproximity: "cosineSimilarity",
  multiclassSvm: "multiclassHinge",
} as const satisfies Record<string, LossName>;

/**
 * The loss names that type-check in `compile({ loss })` (any spelling getLoss accepts).
 *
 * @example
 * const loss: bp.LossIdentifier = "categorical_crossentropy";   // camelCase, snake_case or an alias such as "mse"
 * const model = bp.sequential([bp.layers.dense({ units: 2, activation: "softmax", inputShape: [2] })]);
 * model.compile({ optimizer: "adam", loss });
 * bp.losses.getLoss(loss).name;   // => "categoricalCrossentropy"
 */
export type LossIdentifier = Spellings<LossName | keyof typeof aliases>;

/** "categorical_crossentropy", "CategoricalCrossentropy" and "categoricalCrossentropy" are one key. */
const key = (name: string): string => name.replace(/_/g, "").toLowerCase();

const byKey = new Map<string, LossName>([
  ...lossNames.map((n) => [key(n), n] as [string, LossName]),
  ...Object.entries(aliases).map(([a, n]) => [key(a), n] as [string, LossName]),
]);

function resolve(op: string, name: string): LossName {
  const found = byKey.get(key(name));
  if (!found) {
    throw new NotFoundError(
      `${op}: unknown loss "${name}"${didYouMean(name, [...lossNames, ...Object.keys(aliases)])}; valid names: ${lossNames.join(", ")} (aliases: ${Object.keys(aliases).join(", ")})`,
    );
  }
  return found;
}

/**
 * What the model needs of a loss: its name and the per-sample values (shape [batch]).
 *
 * @example
 * const resolved: bp.losses.ResolvedLoss = bp.losses.getLoss(bp.losses.withOptions("huber", { delta: 2 }));
 * // unreduced: one value per sample and time step; perSample: one per sample
 * resolved.unreduced(bp.tensor([[[0, 0]]]), bp.tensor([[[1, 3]]]));   // => [[2.25]]
 * resolved.config;   // => { name: "huber", options: { delta: 2 } }
 */
export interface ResolvedLoss {
  name: string;
  /** One value per sample (shape [batch]): the loss averaged over every axis but the first. */
  perSample: (yTrue: Tensor, yPred: Tensor) => Tensor;
  /** The values before any averaging over samples: shape yPred.shape[:-1] for the built-in losses. */
  unreduced: (yTrue: Tensor, yPred: Tensor) => Tensor;
  /**
   * How to rebuild a built-in loss when saving a model: `withOptions(config.name, config.options)`
   * (options {} for defaults); null for a custom function.
   */
  config: { name: LossName; options: Record<string, unknown> } | null;
}

/** Averages every axis after the first: [batch, ...] → [batch]; a scalar is repeated for each sample. */
function toPerSample(values: Tensor, yPred: Tensor): Tensor {
  if (values.rank === 0) return values.broadcastTo([yPred.shape[0] ?? 1]);
  if (values.rank === 1) return values;
  return values.mean(Array.from({ length: values.rank - 1 }, (_, i) => i + 1));
}

function resolved(entry: LossEntry, builtin: boolean): ResolvedLoss {
  const unreduced = (yTrue: Tensor, yPred: Tensor): Tensor => entry.compute(yTrue, yPred, entry.options);
  return {
    name: entry.name,
    unreduced,
    perSample: (yTrue, yPred) => toPerSample(unreduced(yTrue, yPred), yPred),
    config: builtin ? { name: entry.name as LossName, options: { ...entry.options } } : null,
  };
}

/**
 * Resolves a loss for the model: a name, a built-in loss function (or one made by withOptions),
 * or any custom `(yTrue, yPred) => Tensor`. A custom function should return one value per sample
 * (shape [batch], or more axes, which are averaged); a scalar counts as the value of every sample.
 *
 * @example
 * const loss = bp.losses.getLoss("mse");
 * loss.name;   // => "meanSquaredError"
 * loss.perSample(bp.tensor([[1, 2], [0, 0]]), bp.tensor([[1, 0], [0, 2]]));   // => [2, 2]
 */
export function getLoss(nameOrFn: string | LossFn): ResolvedLoss {
  if (typeof nameOrFn === "string") {
    const fn = builtins[resolve("getLoss", nameOrFn)];
    return resolved(lossEntryOf(fn) as LossEntry, true);
  }
  if (typeof nameOrFn !== "function") {
    throw new ValueError(
      `getLoss: expected a loss name or a function (yTrue, yPred) => Tensor, got ${String(nameOrFn)}`,
    );
  }
  const entry = lossEntryOf(nameOrFn);
  if (entry) return resolved(entry, true);
  return resolved(
    {
      name: nameOrFn.name || "loss",
      parse: () => undefined,
      compute: (t, p) => nameOrFn(t, p),
      options: {},
    },
    false,
  );
}

/**
 * A built-in loss with fixed options, usable wherever a loss is named (its per-sample values stay
 * available to the model for sample weights).
 *
 * @example
 * const loss = bp.losses.withOptions("sparseCategoricalCrossentropy", { fromLogits: true });
 * loss(bp.tensor([1]), bp.tensor([[0, 0]])).item();   // => 0.6931472
 * const model = bp.sequential([bp.layers.dense({ units: 3, inputShape: [4] })]);   // outputs logits
 * model.compile({ optimizer: "adam", loss });
 */
export function withOptions<N extends LossName>(name: N, options: LossOptionsByName[N]): LossFn {
  const canonical = resolve("withOptions", name);
  const entry = lossEntryOf(builtins[canonical]) as LossEntry;
  entry.parse(options);
  const fn: LossFn = (yTrue, yPred) => entry.compute(yTrue, yPred, options).mean();
  Object.defineProperty(fn, "name", { value: canonical });
  registerLossFn(fn, { ...entry, options });
  return fn;
}
