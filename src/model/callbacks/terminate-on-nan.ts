/**
 * terminateOnNaN: ends training quietly (no error) after a batch whose loss is NaN or infinite, as
 * Keras does. Without it, fit throws a BackpropError naming the epoch and batch (unless
 * `stopOnNaN: false`, which lets training continue).
 *
 *   await model.fit(x, y, { callbacks: [bp.callbacks.terminateOnNaN()] });
 */
import { Callback, type Logs } from "./callback.js";

/** Stops training as soon as the loss is NaN or infinite. */
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

/** Factory: `bp.callbacks.terminateOnNaN()`. */
export function terminateOnNaN(): TerminateOnNaN {
  return new TerminateOnNaN();
}
