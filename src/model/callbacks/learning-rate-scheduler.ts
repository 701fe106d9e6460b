/**
 * learningRateScheduler: sets the optimizer's learning rate at the start of each epoch from
 * `schedule(epoch, lr)` (epoch from 0, lr the current rate), as Keras.
 *
 *   bp.callbacks.learningRateScheduler((epoch, lr) => (epoch < 10 ? lr : lr * 0.9))
 */
import { ValueError } from "../../errors.js";
import { Callback, type Logs } from "./callback.js";

/**
 * A learning-rate schedule by epoch: (epoch, current rate) → new rate.
 *
 * @example
 * const stepDown: bp.callbacks.ScheduleFn = (epoch, lr) => (epoch > 0 && epoch % 10 === 0 ? lr * 0.1 : lr);
 * stepDown(10, 0.01);   // => 0.001
 */
export type ScheduleFn = (epoch: number, lr: number) => number;

/**
 * Sets the learning rate at the start of each epoch from a function of the epoch.
 *
 * @example
 * const halve = new bp.callbacks.LearningRateScheduler((epoch, lr) => (epoch === 0 ? lr : lr / 2));
 * const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [2] })]);
 * model.compile({ optimizer: bp.optimizers.sgd({ learningRate: 0.1 }), loss: "meanSquaredError" });
 * const h = await model.fit(bp.ones([8, 2]), bp.ones([8, 1]), { epochs: 3, verbose: 0, callbacks: [halve] });
 * h.history.lr;   // => [0.1, 0.05, 0.025]
 */
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

/**
 * Factory: `bp.callbacks.learningRateScheduler((epoch, lr) => lr * 0.5)`.
 *
 * @example
 * const warmup = bp.callbacks.learningRateScheduler((epoch) => Math.min(1, (epoch + 1) / 3) * 0.01);
 * const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [2] })]);
 * model.compile({ optimizer: "adam", loss: "meanSquaredError" });
 * const h = await model.fit(bp.ones([8, 2]), bp.ones([8, 1]), { epochs: 2, verbose: 0, callbacks: [warmup] });
 * h.history.lr;   // => [0.0033333, 0.0066667]
 */
export function learningRateScheduler(schedule: ScheduleFn): LearningRateScheduler {
  return new LearningRateScheduler(schedule);
}
