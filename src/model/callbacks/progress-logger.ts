/**
 * The printer behind `fit({ verbose })`. On a terminal with verbose 1: a line "Epoch 3/10", then a
 * progress bar redrawn in place. Otherwise (verbose 2, or output that is not a terminal) exactly one
 * line per epoch, written when it ends: "Epoch 3/10 - 40/40 ━━━… 1s 30ms/step - loss: …".
 * Added by fit; prints through a Writer so tests and apps can capture it.
 */
import { ProgressBar } from "../progress-bar.js";
import type { Writer } from "../writer.js";
import { Callback, type Logs } from "./callback.js";

/**
 * Prints a progress bar per epoch (fit's verbose: 1).
 *
 * @example
 * let out = "";
 * const writer: bp.Writer = { write: (text) => { out += text; }, isTTY: false };
 * const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [2] })]);
 * model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
 * await model.fit(bp.ones([8, 2]), bp.ones([8, 1]), { epochs: 1, verbose: 0, callbacks: [new bp.callbacks.ProgressLogger(writer, 2)] });
 * out.includes("loss");   // => true
 */
export class ProgressLogger extends Callback {
  private readonly writer: Writer;
  private readonly verbose: 1 | 2;
  private bar: ProgressBar | undefined;
  private seen = 0;

  constructor(writer: Writer, verbose: 1 | 2) {
    super();
    this.writer = writer;
    this.verbose = verbose;
  }

  /** The figures to show, in the order fit declared them (loss, metrics, val_*), skipping learning rates. */
  private values(logs: Logs): [string, number][] {
    const order = this.params?.metrics ?? [];
    const keys = [...order.filter((k) => k in logs), ...Object.keys(logs).filter((k) => !order.includes(k))];
    return keys.filter((k) => k !== "lr" && k !== "learning_rate").map((k) => [k, logs[k] as number]);
  }

  onEpochBegin(epoch: number): void {
    const header = `Epoch ${epoch + 1}/${this.params?.epochs ?? epoch + 1}`;
    const live = this.verbose === 1 && this.writer.isTTY;
    if (live) this.writer.write(`${header}\n`);
    this.seen = 0;
    this.bar = new ProgressBar({ target: this.params?.steps ?? 0, writer: this.writer, verbose: this.verbose, prefix: live ? "" : `${header} - ` });
  }

  onBatchEnd(batch: number, logs: Logs = {}): void {
    this.seen = batch + 1;
    this.bar?.update(this.seen, this.values(logs));
  }

  onEpochEnd(_epoch: number, logs: Logs = {}): void {
    this.bar?.finish(this.seen, this.values(logs));
    this.bar = undefined;
  }
}
