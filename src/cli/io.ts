/** Where the command line writes: results to `out` (stdout), progress and errors to `err` (stderr). */
import type { Writer } from "../model/writer.js";

export interface CliIO {
  out: Writer;
  err: Writer;
}

/** The process's stdout and stderr. */
export function processIO(): CliIO {
  return {
    out: { write: (s) => void process.stdout.write(s), isTTY: process.stdout.isTTY === true },
    err: { write: (s) => void process.stderr.write(s), isTTY: process.stderr.isTTY === true },
  };
}

/** Prints a JSON document (for --json) on one line of stdout. */
export function printJson(io: CliIO, value: unknown): void {
  io.out.write(`${JSON.stringify(value, (_k, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v))}\n`);
}

/** "2m 05s", "41.2s". */
export function duration(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const m = Math.floor(seconds / 60);
  return `${m}m ${String(Math.round(seconds - 60 * m)).padStart(2, "0")}s`;
}

export const pct = (v: number): string => `${(v * 100).toFixed(2)}%`;
