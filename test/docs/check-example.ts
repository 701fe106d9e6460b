/**
 * Turns example code into checked code: a line `expr; // => value` becomes an assertion that expr
 * equals value (numbers to 1e-5 relative, tensors through toArray()). Used for the README, the guides
 * and the `@example` blocks of the doc comments.
 */
import { expect } from "vitest";

interface ArrayLikeTensor {
  toArray(): unknown;
}

const isTensor = (v: unknown): v is ArrayLikeTensor =>
  typeof v === "object" && v !== null && "toArray" in v && typeof (v as ArrayLikeTensor).toArray === "function";

/** Asserts that `actual` equals `expected`, numbers to 1e-5 relative, tensors as nested arrays. */
export function close(actual: unknown, expected: unknown, path = "value"): void {
  if (isTensor(actual) && (typeof expected === "number" || Array.isArray(expected))) actual = actual.toArray();
  if (typeof expected === "number") {
    expect(typeof actual, path).toBe("number");
    const a = actual as number;
    const ok = Number.isNaN(expected) ? Number.isNaN(a) : a === expected || Math.abs(a - expected) <= 1e-5 * Math.max(1, Math.abs(expected));
    expect(ok, `${path}: ${a} vs ${expected}`).toBe(true);
  } else if (Array.isArray(expected)) {
    expect(Array.isArray(actual) || ArrayBuffer.isView(actual), `${path}: ${String(actual)} is not an array`).toBe(true);
    const list = Array.from(actual as ArrayLike<unknown>);
    expect(list.length, path).toBe(expected.length);
    expected.forEach((e, i) => close(list[i], e, `${path}[${i}]`));
  } else if (typeof expected === "object" && expected !== null && typeof actual === "object" && actual !== null) {
    for (const [k, v] of Object.entries(expected)) close((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
    expect(Object.keys(actual).sort(), path).toEqual(Object.keys(expected).sort());
  } else {
    expect(actual, path).toEqual(expected);
  }
}

(globalThis as Record<string, unknown>).__exampleCheck = (actual: unknown, expected: unknown, where: string) => close(actual, expected, where);

/** Rewrites `expr; // => value` lines into checks that name `where` and the line. */
export function instrument(code: string, where: string): string {
  return code
    .split("\n")
    .map((line, i) => {
      const m = /^(\s*)(.+?);?\s*\/\/ => (.+)$/.exec(line);
      if (!m) return line;
      return `${m[1]}(globalThis as any).__exampleCheck(${m[2]}, ${m[3]}, ${JSON.stringify(`${where} line ${i + 1}`)});`;
    })
    .join("\n");
}
