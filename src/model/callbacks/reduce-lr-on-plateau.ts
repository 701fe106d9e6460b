/**
 * reduceLROnPlateau: multiplies the learning rate by `factor` when the monitored figure has not
 * improved for `patience` epochs (Keras 3 semantics, with cooldown and minLr).
 *
 *   bp.callbacks.reduceLROnPlateau({ monitor: "val_loss", factor: 0.5, patience: 2, minLr: 1e-5 })
 */
import { ValueError } from "../../errors.js";
import { Callback, type Logs } from "./callback.js";
import { nonNegative, resolveMode, type MonitorMode } from "./monitor.js";

/**
 * Options of reduceLROnPlateau, as in Keras: monitor, factor, patience, minDelta, cooldown, minLr.
 *
 * @example
 * const args: bp.callbacks.ReduceLROnPlateauArgs = { factor: 0.5, patience: 2, cooldown: 1, minLr: 1e-6 };
 * bp.callbacks.reduceLROnPlateau(args).minLr;   // => 0.000001
 */
export interface ReduceLROnPlateauArgs {
  monitor?: string;
  /** New rate = rate * factor; must be < 1 (default 0.1). */
  factor?: number;
  /** Epochs without improvement before reducing (default 10). */
  patience?: number;
  mode?: MonitorMode;
  /** Smallest change that counts as an improvement (default 1e-4). */
  minDelta?: number;
  /** Epochs to wait after a reduction before counting again (default 0). */
  cooldown?: number;
  /** Lower bound on the rate (default 0). */
  minLr?: number;
}

/**
 * Lowers the learning rate when a monitored quantity stops improving.
 *
 * @example
 * const reduce = new bp.callbacks.ReduceLROnPlateau({ monitor: "loss", factor: 0.5, patience: 1 });
 * const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [2] })]);
 * model.compile({ optimizer: bp.optimizers.sgd({ learningRate: 0 }), loss: "meanSquaredError" });   // a flat loss
 * const h = await model.fit(bp.ones([8, 2]), bp.ones([8, 1]), { epochs: 3, verbose: 0, callbacks: [reduce] });
 * h.history.loss!.length;   // => 3
 */
export class ReduceLROnPlateau extends Callback {
  readonly monitor: string;
  readonly factor: number;
  readonly patience: number;
  readonly mode: "min" | "max";
  readonly minDelta: number;
  readonly cooldown: number;
  readonly minLr: number;
  wait = 0;
  cooldownCounter = 0;
  best = Infinity;

  constructor(args: ReduceLROnPlateauArgs = {}) {
    super();
    const op = "reduceLROnPlateau";
    this.monitor = args.monitor ?? "val_loss";
    this.factor = args.factor ?? 0.1;
    if (!(this.factor >= 0 && this.factor < 1)) throw new ValueError(`${op}: factor must be in [0, 1), got ${String(args.factor)}`);
    this.patience = nonNegative(op, "patience", args.patience ?? 10);
    this.mode = resolveMode(op, this.monitor, args.mode);
    this.minDelta = nonNegative(op, "minDelta", args.minDelta ?? 1e-4);
    this.cooldown = nonNegative(op, "cooldown", args.cooldown ?? 0);
    this.minLr = nonNegative(op, "minLr", args.minLr ?? 0);
    this.reset();
  }

  private reset(): void {
    this.best = this.mode === "min" ? Infinity : -Infinity;
    this.cooldownCounter = 0;
    this.wait = 0;
  }

  onTrainBegin(): void {
    this.reset();
  }

  onEpochEnd(_epoch: number, logs: Logs = {}): void {
    logs.learning_rate = this.model.getLearningRate();
    const current = logs[this.monitor];
    if (current === undefined) return;
    if (this.cooldownCounter > 0) {
      this.cooldownCounter -= 1;
      this.wait = 0;
    }
    const better = this.mode === "min" ? current < this.best - this.minDelta : current > this.best + this.minDelta;
    if (better) {
      this.best = current;
      this.wait = 0;
    } else if (this.cooldownCounter === 0) {
      this.wait += 1;
      if (this.wait >= this.patience) {
        const old = this.model.getLearningRate();
        if (old > Math.fround(this.minLr)) {
          this.model.setLearningRate(Math.max(old * this.factor, this.minLr));
          this.cooldownCounter = this.cooldown;
          this.wait = 0;
        }
      }
    }
  }
}

/**
 * Factory: `bp.callbacks.reduceLROnPlateau({ factor: 0.5, patience: 2 })`.
 *
 * @example
 * const reduce = bp.callbacks.reduceLROnPlateau({ monitor: "val_loss", factor: 0.2, patience: 5, minLr: 1e-5 });
 * reduce.factor;   // => 0.2
 */
export function reduceLROnPlateau(args?: ReduceLROnPlateauArgs): ReduceLROnPlateau {
  return new ReduceLROnPlateau(args);
}
