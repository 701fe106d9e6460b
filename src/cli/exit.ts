/**
 * Exit codes and one-line error messages of the `backprop` command. Every failure prints a single
 * line `backprop <command>: <what went wrong>` on stderr — never a stack trace (set BACKPROP_DEBUG=1
 * to get one) — and exits with a code that says what kind of failure it was.
 */
import { BackpropError, FormatError, NotFoundError } from "../errors.js";

export const EXIT = {
  /** Done. */
  ok: 0,
  /** Training or evaluation failed (e.g. the loss became NaN, the model does not fit the data). */
  failed: 1,
  /** The command line is wrong: unknown command, option or model name, a bad option value. */
  usage: 2,
  /** An input file is missing, unreadable or malformed (data, model, image). */
  input: 3,
  /** A bug in backprop: an unexpected error. */
  internal: 70,
  /** Interrupted by SIGINT (Ctrl-C); train saves the run trained so far first. */
  interrupted: 130,
  /** Stopped by SIGTERM, likewise. */
  terminated: 143,
} as const;

/** A command-line mistake, reported with exit code 2. */
export class UsageError extends BackpropError {
  override name = "UsageError";
}

/** A bad input file found by the command line itself (e.g. a PNG that is not a PNG), exit code 3. */
export class InputError extends BackpropError {
  override name = "InputError";
}

/**
 * A library message without the internal function it starts with ("loadCsv: data.csv line 3 …" →
 * "data.csv line 3 …"): the command line names files and lines, not functions.
 */
export function plainMessage(message: string): string {
  return message.replace(/^(?:[a-z]+\.)?[a-z]+[A-Z0-9][A-Za-z0-9]*: /, "");
}

/** The exit code and message for an error thrown while running a command. */
export function describeError(e: unknown): { code: number; message: string } {
  const debug = typeof process !== "undefined" && process.env["BACKPROP_DEBUG"];
  const stack = (e as { stack?: unknown } | null)?.stack;
  const first = (s: string): string => (debug ? (typeof stack === "string" ? stack : s) : plainMessage(s.split("\n")[0] ?? s));
  if (e instanceof UsageError) return { code: EXIT.usage, message: first(e.message) };
  if (e instanceof InputError || e instanceof NotFoundError || e instanceof FormatError) return { code: EXIT.input, message: first(e.message) };
  if (e instanceof BackpropError) return { code: EXIT.failed, message: first(e.message) };
  const err = e as { message?: unknown; stack?: unknown; code?: unknown };
  if (err && (err.code === "ENOSPC" || err.code === "EACCES" || err.code === "EROFS")) return { code: EXIT.failed, message: first(String(err.message)) };
  const text = err && typeof err.message === "string" ? err.message : String(e);
  return {
    code: EXIT.internal,
    message: debug && typeof err?.stack === "string" ? err.stack : `internal error: ${first(text)} (please report it; BACKPROP_DEBUG=1 shows the stack trace)`,
  };
}
