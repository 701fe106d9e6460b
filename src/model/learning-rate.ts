/** Reading and setting an optimizer's learning rate, for the learning-rate callbacks. */
import { ValueError } from "../errors.js";
import type { Optimizer } from "../optim/index.js";

/** The rate the next update uses (a schedule's current value). */
export function getLearningRate(optimizer: Optimizer): number {
  return optimizer.currentLearningRate();
}

/** Replaces a constant learning rate; an optimizer driven by a schedule cannot be changed this way (as Keras). */
export function setLearningRate(optimizer: Optimizer, lr: number): void {
  if (typeof lr !== "number" || !Number.isFinite(lr) || lr < 0) throw new ValueError(`setLearningRate: expected a non-negative finite number, got ${String(lr)}`);
  const holder = optimizer as unknown as { learningRate?: unknown };
  if (typeof holder.learningRate !== "number") {
    throw new ValueError("setLearningRate: the optimizer's learning rate is a schedule; it cannot be set by a callback (use a constant learningRate with learningRateScheduler / reduceLROnPlateau)");
  }
  holder.learningRate = lr;
}
