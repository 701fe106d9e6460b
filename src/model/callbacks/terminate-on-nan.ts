/**
 * terminateOnNaN: ends training quietly (no error) after a batch whose loss is NaN or infinite, as
 * Keras does. Without it, fit throws a BackpropError naming the epoch and batch (unless
 * `stopOnNaN: false`, which lets training continue).
 *
 *   await model.fit(x, y, { callbacks: [bp.callbacks.terminateOnNaN()] });
 */
import { Callback, type Logs } from "./callback.js";

/**
 * Stops training as soon as the loss is NaN or infinite.
 *
 * @example
 * const guard = new bp.callbacks.TerminateOnNaN();
 * const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [1] })]);
 * model.compile({ optimizer: bp.optimizers.sgd({ learningRate: 1e30 }), loss: "meanSquaredError" });   // diverges
 * await model.fit(bp.full([4, 1], 1e20), bp.ones([4, 1]), { epochs: 5, verbose: 0, callbacks: [guard] });
 * guard.stoppedAt !== undefined;   // => true
 */
export class TerminateOnNaN extends Callback {
  /** Where training stopped, if it did. */
  stoppedAt: { epoch: number; batch: number } | undefined;
  private epoch = 0;

  onEpochBegin(epoch: number): void {
    this.epoch = epoch;
  }

  onBatchEnd(batch: number, logs: Logs = {}): void {
    const loss = logs.loss;
    if (loss !== undefined && !Number.isFinite(loss)) {
      this.stoppedAt = { epoch: this.epoch, batch };
      this.model.stopTraining = true;
    }
  }
}

/**
 * Factory: `bp.callbacks.terminateOnNaN()`.
 *
 * @example
 * const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [2] })]);
 * model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
 * const h = await model.fit(bp.ones([8, 2]), bp.ones([8, 1]), { epochs: 2, verbose: 0, callbacks: [bp.callbacks.terminateOnNaN()] });
 * h.history.loss!.length;   // => 2
 */
export function terminateOnNaN(): TerminateOnNaN {
  return new TerminateOnNaN();
}
