/**
 * History: the per-epoch figures of a fit, returned by `fit`.
 *
 *   const h = await model.fit(x, y, { epochs: 3 });
 *   h.history.loss;   // [0.9, 0.5, 0.3]
 *   h.epoch;          // [0, 1, 2]
 */
import { Callback, type Logs } from "./callback.js";

/** Records the logs of every epoch; fit returns it (history.history.loss, …). */
export class History extends Callback {
  /** Each figure's values, one per epoch run: loss, metrics, val_loss, val_<metric>, lr. */
  readonly history: Record<string, number[]> = {};
  /** The epoch indices run (from initialEpoch). */
  epoch: number[] = [];

  onTrainBegin(): void {
    this.epoch = [];
  }

  onEpochEnd(epoch: number, logs: Logs = {}): void {
    this.epoch.push(epoch);
    for (const [k, v] of Object.entries(logs)) (this.history[k] ??= []).push(v);
  }
}
