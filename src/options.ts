/**
 * Checks of user options shared by optimizers, schedules, losses, initializers, layers and fit:
 * every bad value is a ValueError naming the op, the key, the value and what was expected.
 */
import { ValueError } from "./errors.js";

/** A value as an error message shows it: strings quoted, so "1" and 1 read differently. */
export function shown(v: unknown): string {
  return typeof v === "string" ? `"${v}"` : String(v);
}

/** Throws `${op}: ${key} must be ${expected}, got ${value}`. */
export function badOption(op: string, key: string, v: unknown, expected: string): never {
  throw new ValueError(`${op}: ${key} must be ${expected}, got ${shown(v)}`);
}

/**
 * Throws unless `options` is an object with only the `allowed` keys (a typo such as `lr` or
 * `from_logits` is not ignored). `example` shows a valid options object in the message.
 */
export function checkKeys(op: string, options: unknown, allowed: readonly string[], example = ""): void {
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new ValueError(`${op}: options must be an object${example ? ` such as ${example}` : ""}, got ${String(options)}`);
  }
  for (const k of Object.keys(options)) {
    if (!allowed.includes(k)) {
      const valid = allowed.length > 0 ? allowed.join(", ") : "none";
      throw new ValueError(`${op}: unknown option "${k}"; valid options: ${valid}`);
    }
  }
}

/** A positive integer option (units, batchSize, …). */
export function positiveInt(op: string, key: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 1) badOption(op, key, v, "a positive integer");
  return v;
}

/** A positive finite number option, or `dflt` when not given. */
export function positive(op: string, key: string, v: unknown, dflt?: number): number {
  if (v === undefined && dflt !== undefined) return dflt;
  if (typeof v !== "number" || !Number.isFinite(v) || v <= 0) badOption(op, key, v, "a positive finite number");
  return v;
}

/** A boolean option, or `dflt` when not given (undefined or null). */
export function bool(op: string, key: string, v: unknown, dflt: boolean): boolean {
  if (v === undefined || v === null) return dflt;
  if (typeof v !== "boolean") badOption(op, key, v, "a boolean");
  return v;
}
