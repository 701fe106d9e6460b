/**
 * A Keras-style progress bar for one epoch:
 *
 *   12/40 ━━━━━━────────────── ETA 2s 31ms/step - loss: 0.4312 - accuracy: 0.8125
 *   40/40 ━━━━━━━━━━━━━━━━━━━━ 1s 30ms/step - loss: 0.3011 - accuracy: 0.8900 - val_loss: 0.2875
 *
 * On a terminal it redraws one line in place ("\r"); elsewhere it prints only the final line.
 */
import type { Writer } from "./writer.js";

export interface ProgressBarOptions {
  /** Number of steps in the epoch. */
  target: number;
  writer: Writer;
  /** 1: the bar; 2: one plain line at the end ("40/40 - 1s - 30ms/step - loss: ..."). */
  verbose?: 1 | 2;
  /** Bar width in characters (default 20, as Keras). */
  width?: number;
  /** Milliseconds between terminal redraws (default 50). */
  interval?: number;
  /** Clock in milliseconds (default performance.now). */
  now?: () => number;
  /** Text before the final line (e.g. "Epoch 3/10 - " when the epoch header shares its line). */
  prefix?: string;
}

/** Formats a metric value as Keras does: 4 decimals, or scientific notation when tiny. */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  return Math.abs(v) > 1e-3 || v === 0 ? v.toFixed(4) : v.toExponential(4);
}

/** "35ms/step", "2s/step", "120us/step". */
export function formatPerStep(seconds: number): string {
  if (seconds >= 1 || seconds === 0) return `${seconds.toFixed(0)}s/step`;
  if (seconds >= 1e-3) return `${(seconds * 1e3).toFixed(0)}ms/step`;
  return `${(seconds * 1e6).toFixed(0)}us/step`;
}

/** "7s", "2:05", "1:02:03". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s >= 3600) return `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
  if (s >= 60) return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
  return `${s}s`;
}

/** Formats `- name: value` pairs. */
export function formatLogs(values: readonly (readonly [string, number])[]): string {
  return values.map(([k, v]) => ` - ${k}: ${formatValue(v)}`).join("");
}

export class ProgressBar {
  private readonly target: number;
  private readonly writer: Writer;
  private readonly verbose: 1 | 2;
  private readonly width: number;
  private readonly interval: number;
  private readonly now: () => number;
  private readonly start: number;
  private readonly prefix: string;
  private lastDraw = -Infinity;
  private lastLength = 0;

  constructor(options: ProgressBarOptions) {
    this.target = Math.max(0, options.target);
    this.writer = options.writer;
    this.verbose = options.verbose ?? 1;
    this.width = options.width ?? 20;
    this.interval = options.interval ?? 50;
    this.now = options.now ?? (() => performance.now());
    this.start = this.now();
    this.prefix = options.prefix ?? "";
  }

  /** Reports `current` steps done with running values; redraws on a terminal (throttled). */
  update(current: number, values: readonly (readonly [string, number])[]): void {
    if (this.verbose !== 1 || !this.writer.isTTY) return;
    const t = this.now();
    if (t - this.lastDraw < this.interval && current < this.target) return;
    this.lastDraw = t;
    const elapsed = (t - this.start) / 1000;
    const perStep = current > 0 ? elapsed / current : 0;
    const eta = perStep * (this.target - current);
    const line = `${this.counter(current)} ${this.bar(current)} ETA ${formatDuration(eta)} ${formatPerStep(perStep)}${formatLogs(values)}`;
    this.draw(line);
  }

  /** Prints the final line of the epoch (steps actually done, total time, values) and a newline. */
  finish(current: number, values: readonly (readonly [string, number])[]): void {
    const elapsed = (this.now() - this.start) / 1000;
    const perStep = current > 0 ? elapsed / current : 0;
    const time = `${formatDuration(elapsed)} ${formatPerStep(perStep)}`;
    if (this.verbose === 2) {
      this.writer.write(`${this.prefix}${this.counter(current)} - ${formatDuration(elapsed)} - ${formatPerStep(perStep)}${formatLogs(values)}\n`);
      return;
    }
    const line = `${this.prefix}${this.counter(current)} ${this.bar(current)} ${time}${formatLogs(values)}`;
    if (this.writer.isTTY) this.draw(line);
    else this.writer.write(line);
    this.writer.write("\n");
  }

  private counter(current: number): string {
    const digits = String(this.target).length;
    return `${String(current).padStart(digits)}/${this.target}`;
  }

  private bar(current: number): string {
    const done = this.target > 0 ? Math.min(this.width, Math.floor((this.width * current) / this.target)) : this.width;
    return "━".repeat(done) + "─".repeat(this.width - done);
  }

  private draw(line: string): void {
    const pad = Math.max(0, this.lastLength - line.length);
    this.writer.write(`\r${line}${" ".repeat(pad)}`);
    this.lastLength = line.length;
  }
}
