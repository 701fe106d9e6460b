/**
 * modelCheckpoint: saves the model (`model.save(dir)`, atomic) at the end of epochs, every epoch or
 * only when the monitored figure improves. `filepath` may hold `{epoch}` (from 1, as Keras) and figures
 * with Python-style formats: "ckpt/epoch-{epoch:02d}-{val_loss:.3f}".
 *
 *   callbacks: [bp.callbacks.modelCheckpoint({ filepath: "runs/best", monitor: "val_loss", saveBestOnly: true })]
 */
import { ValueError } from "../../errors.js";
import { Callback, type Logs } from "./callback.js";
import { resolveMode, type MonitorMode } from "./monitor.js";

/**
 * Options of modelCheckpoint: where to save, what to monitor, whether to keep only the best.
 *
 * @example
 * const args: bp.callbacks.ModelCheckpointArgs = { filepath: "checkpoints/{epoch}", monitor: "val_accuracy", mode: "max", saveBestOnly: true };
 * bp.callbacks.modelCheckpoint(args).mode;   // => "max"
 */
export interface ModelCheckpointArgs {
  /** Directory to save to; may contain {epoch} and {figure:format} fields. */
  filepath: string;
  /** Figure watched with saveBestOnly (default "val_loss"). */
  monitor?: string;
  /** Save only when the monitored figure beats the best so far (default false: every epoch). */
  saveBestOnly?: boolean;
  mode?: MonitorMode;
  /** With saveBestOnly: the value the figure must beat to be saved at all. */
  initialValueThreshold?: number;
}

/**
 * Python-like `{name}` / `{name:02d}` / `{name:.4f}` substitution from epoch and logs.
 *
 * @example
 * bp.callbacks.formatFilepath("ckpt-{epoch:02d}-{val_loss:.3f}", { epoch: 7, val_loss: 0.12345 });   // => "ckpt-07-0.123"
 */
export function formatFilepath(template: string, values: Record<string, number>): string {
  return template.replace(/\{(\w+)(?::([^}]*))?\}/g, (whole, name: string, spec: string | undefined) => {
    const v = values[name];
    if (v === undefined) throw new ValueError(`modelCheckpoint: filepath "${template}" names {${name}}, which is not among ${Object.keys(values).join(", ")}`);
    if (!spec) return String(v);
    const m = /^(0?)(\d*)(?:\.(\d+))?([dfe])$/.exec(spec);
    if (!m) throw new ValueError(`modelCheckpoint: unsupported format "${whole}"; use forms like {epoch:02d} or {val_loss:.4f}`);
    const [, zero, width, precision, kind] = m;
    let s = kind === "d" ? String(Math.round(v)) : kind === "e" ? v.toExponential(Number(precision ?? 6)) : v.toFixed(Number(precision ?? 6));
    if (width) s = s.padStart(Number(width), zero === "0" ? "0" : " ");
    return s;
  });
}

/**
 * Saves the model after epochs, or only when a monitored quantity improves (Node).
 *
 * @example
 * import { existsSync, mkdtempSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import { join } from "node:path";
 * const dir = mkdtempSync(join(tmpdir(), "bp-"));
 * const checkpoint = new bp.callbacks.ModelCheckpoint({ filepath: join(dir, "epoch-{epoch:02d}"), monitor: "loss" });
 * const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [2] })]);
 * model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
 * await model.fit(bp.ones([8, 2]), bp.ones([8, 1]), { epochs: 2, verbose: 0, callbacks: [checkpoint] });
 * checkpoint.saved.length;   // => 2
 * existsSync(join(dir, "epoch-02"));   // => true
 */
export class ModelCheckpoint extends Callback {
  readonly filepath: string;
  readonly monitor: string;
  readonly saveBestOnly: boolean;
  readonly mode: "min" | "max";
  best: number;
  /** Directories written so far, in order. */
  readonly saved: string[] = [];
  private readonly initial: number;

  constructor(args: ModelCheckpointArgs) {
    super();
    if (typeof args?.filepath !== "string" || args.filepath === "") throw new ValueError("modelCheckpoint: filepath must be a non-empty string");
    this.filepath = args.filepath;
    this.monitor = args.monitor ?? "val_loss";
    this.saveBestOnly = args.saveBestOnly ?? false;
    this.mode = resolveMode("modelCheckpoint", this.monitor, args.mode);
    this.initial = args.initialValueThreshold ?? (this.mode === "min" ? Infinity : -Infinity);
    this.best = this.initial;
  }

  onTrainBegin(): void {
    this.best = this.initial;
  }

  async onEpochEnd(epoch: number, logs: Logs = {}): Promise<void> {
    if (this.saveBestOnly) {
      const current = logs[this.monitor];
      if (current === undefined) {
        throw new ValueError(`modelCheckpoint: saveBestOnly watches "${this.monitor}", which is not among the logged figures (${Object.keys(logs).join(", ")})`);
      }
      const better = this.mode === "min" ? current < this.best : current > this.best;
      if (!better) return;
      this.best = current;
    }
    const dir = formatFilepath(this.filepath, { ...logs, epoch: epoch + 1 });
    await this.model.save(dir);
    this.saved.push(dir);
  }
}

/**
 * Factory: `bp.callbacks.modelCheckpoint({ filepath: "ckpt", saveBestOnly: true })`.
 *
 * @example
 * import { mkdtempSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import { join } from "node:path";
 * const dir = mkdtempSync(join(tmpdir(), "bp-"));
 * const { x, y } = bp.data.toy.gaussian({ n: 100, seed: 1 });
 * const model = bp.sequential([bp.layers.dense({ units: 1, activation: "sigmoid", inputShape: [2] })]);
 * model.compile({ optimizer: "adam", loss: "binaryCrossentropy" });
 * const best = bp.callbacks.modelCheckpoint({ filepath: join(dir, "best"), monitor: "val_loss", saveBestOnly: true });
 * await model.fit(x, y, { epochs: 3, validationSplit: 0.2, verbose: 0, callbacks: [best] });
 * const restored = await bp.loadModel(join(dir, "best"));
 * restored.countParams();   // => 3
 */
export function modelCheckpoint(args: ModelCheckpointArgs): ModelCheckpoint {
  return new ModelCheckpoint(args);
}
