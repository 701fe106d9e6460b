/**
 * `bp.losses`: what training minimizes. Each loss is `(yTrue, yPred, options?) => scalar Tensor`,
 * the mean over the batch of a per-sample value (Keras 3 formulas and conventions: the last axis is
 * reduced first; probabilities are clipped to [1e-7, 1 − 1e-7]; cross-entropies take
 * `{ fromLogits: true }` and then use log-sum-exp). Strings name them in `compile({ loss })`.
 *
 *   bp.losses.categoricalCrossentropy(yOneHot, logits, { fromLogits: true });
 *   model.compile({ optimizer: "adam", loss: "sparseCategoricalCrossentropy" });
 */
export {
  binaryCrossentropy,
  categoricalCrossentropy,
  sparseCategoricalCrossentropy,
} from "./crossentropy.js";
export type { CrossentropyOptions, SparseCrossentropyOptions } from "./crossentropy.js";
export type { Loss, LossFn } from "./define.js";
export { cosineSimilarity, kullbackLeiblerDivergence } from "./divergence.js";
export { categoricalHinge, hinge, multiclassHinge, squaredHinge, type MulticlassHingeOptions } from "./hinge.js";
export { getLoss, lossNames, withOptions } from "./registry.js";
export type { LossIdentifier, LossName, LossOptionsByName, ResolvedLoss } from "./registry.js";
export {
  huber,
  logCosh,
  meanAbsoluteError,
  meanSquaredError,
  meanSquaredLogarithmicError,
} from "./regression.js";
export type { HuberOptions } from "./regression.js";
