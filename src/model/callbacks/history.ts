/**
 * History: the per-epoch figures of a fit, returned by `fit`.
 *
 *   const h = await model.fit(x, y, { epochs: 3 });
 *   h.history.loss;   // [0.9, 0.5, 0.3]
 *   h.epoch;          // [0, 1, 2]
 */
import { Callback, type Logs } from "./callback.js";

/**
 * Why fit ended before its last epoch: `model.stopTraining` was set (by a callback such as
 * earlyStopping, or by the caller) or fit's `signal` was aborted. `epoch` is the last epoch entered
 * (counting from 0) and `batches` the batches of it that ran.
 */
export interface StopInfo {
  reason: "stopTraining" | "aborted";
  epoch: number;
  batches: number;
}

/** Records the logs of every epoch; fit returns it (history.history.loss, …). */
export class History extends Callback {
  /** Each figure's values, one per epoch run: loss, metrics, val_loss, val_<metric>, lr. */
  readonly history: Record<string, number[]> = {};
  /** The epoch indices run (from initialEpoch). */
  epoch: number[] = [];
  /** Set when training stopped early (see StopInfo); undefined when every epoch ran. */
  stopped: StopInfo | undefined;

  onTrainBegin(): void {
    this.epoch = [];
    this.stopped = undefined;
  }

  onEpochEnd(epoch: number, logs: Logs = {}): void {
    this.epoch.push(epoch);
    for (const [k, v] of Object.entries(logs)) (this.history[k] ??= []).push(v);
  }
}
