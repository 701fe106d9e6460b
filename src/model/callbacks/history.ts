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
 *
 * @example
 * const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [2] })]);
 * model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
 * const stopAfterOne = { onEpochEnd: () => { model.stopTraining = true; } };
 * const history = await model.fit(bp.ones([8, 2]), bp.ones([8, 1]), { epochs: 5, verbose: 0, callbacks: [stopAfterOne] });
 * const info: bp.callbacks.StopInfo | undefined = history.stopped;
 * info?.reason;   // => "stopTraining"
 */
export interface StopInfo {
  reason: "stopTraining" | "aborted";
  epoch: number;
  batches: number;
}

/**
 * Records the logs of every epoch; fit returns it (history.history.loss, …).
 *
 * @example
 * const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [2] })]);
 * model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
 * const history: bp.callbacks.History = await model.fit(bp.ones([8, 2]), bp.ones([8, 1]), { epochs: 3, verbose: 0 });
 * history.history.loss!.length;   // => 3
 * history.epoch;   // => [0, 1, 2]
 */
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
