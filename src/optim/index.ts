/**
 * Optimizers and learning-rate schedules: `bp.optimizers.*` and `bp.schedules.*`.
 *
 *   const opt = bp.optimizers.adam({ learningRate: bp.schedules.cosineDecay({ initialLearningRate: 1e-2, decaySteps: 600 }) });
 */
export * from "./optimizers.js";
export * as schedules from "./schedules.js";
