/** Shared by the callbacks that watch one figure (earlyStopping, reduceLROnPlateau, modelCheckpoint). */
import { ValueError } from "../../errors.js";

/**
 * Whether a monitored quantity should fall (min), rise (max) or be guessed from its name (auto).
 *
 * @example
 * const mode: bp.callbacks.MonitorMode = "max";   // a larger figure is better
 * bp.callbacks.earlyStopping({ monitor: "val_f1", mode }).mode;   // => "max"
 */
export type MonitorMode = "auto" | "min" | "max";

const MAXIMIZED = /(^|_)(acc|accuracy|auc|precision|recall|f1|f1_score)$|accuracy$/;

/** "min" or "max" for a figure: "auto" maximizes accuracy-like names (accuracy, auc, precision, recall, f1), else minimizes. */
export function resolveMode(op: string, monitor: string, mode: MonitorMode = "auto"): "min" | "max" {
  if (mode === "min" || mode === "max") return mode;
  if (mode !== "auto") throw new ValueError(`${op}: mode must be "auto", "min" or "max", got "${String(mode)}"`);
  return MAXIMIZED.test(monitor) ? "max" : "min";
}

/** Checks a non-negative finite option. */
export function nonNegative(op: string, name: string, v: number): number {
  if (!(typeof v === "number" && Number.isFinite(v) && v >= 0)) {
    throw new ValueError(`${op}: ${name} must be a non-negative number, got ${String(v)}`);
  }
  return v;
}
