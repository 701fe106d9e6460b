/**
 * learningRateScheduler: sets the optimizer's learning rate at the start of each epoch from
 * `schedule(epoch, lr)` (epoch from 0, lr the current rate), as Keras.
 *
 *   bp.callbacks.learningRateScheduler((epoch, lr) => (epoch < 10 ? lr : lr * 0.9))
 */
import { ValueError } from "../../errors.js";
import { Callback, type Logs } from "./callback.js";

/** A learning-rate schedule by epoch: (epoch, current rate) → new rate. */
export type ScheduleFn = (epoch: number, lr: number) => number;

/** Sets the learning rate at the start of each epoch from a function of the epoch. */
export class LearningRateScheduler extends Callback {
  readonly schedule: ScheduleFn;

  constructor(schedule: ScheduleFn) {
    super();
    if (typeof schedule !== "function") throw new ValueError("learningRateScheduler: expected a function (epoch, lr) => number");
    this.schedule = schedule;
  }

  onEpochBegin(epoch: number): void {
    const lr = this.schedule(epoch, this.model.getLearningRate());
    if (typeof lr !== "number" || !Number.isFinite(lr) || lr < 0) {
      throw new ValueError(`learningRateScheduler: the schedule returned ${String(lr)} for epoch ${epoch}; expected a non-negative finite number`);
    }
    this.model.setLearningRate(lr);
  }

  onEpochEnd(_epoch: number, logs?: Logs): void {
    if (logs) logs.learning_rate = this.model.getLearningRate();
  }
}

/** Factory: `bp.callbacks.learningRateScheduler((epoch, lr) => lr * 0.5)`. */
export function learningRateScheduler(schedule: ScheduleFn): LearningRateScheduler {
  return new LearningRateScheduler(schedule);
}
