/**
 * Shared helpers of the core tests: loading test/fixtures/core.json (PyTorch reference values,
 * see test/fixtures/README.md), building tensors from its entries, and comparing results.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import * as bp from "../../src/index.js";

export interface FixtureTensor {
  shape: number[];
  dtype: "float32" | "int32";
  data: number[];
}

export interface FixtureCase {
  name: string;
  op: string;
  inputs: FixtureTensor[];
  attrs: Record<string, unknown>;
  output: FixtureTensor;
  cotangent?: FixtureTensor;
  grads?: (FixtureTensor | null)[];
}

export interface FixtureFn {
  name: string;
  fn: string;
  description: string;
  x: FixtureTensor;
  consts?: Record<string, FixtureTensor>;
  value: FixtureTensor;
  output: FixtureTensor;
}

export interface CoreFixtures {
  cases: FixtureCase[];
  jacobians: FixtureFn[];
  hessians: FixtureFn[];
}

const here = dirname(fileURLToPath(import.meta.url));

/** The parsed core.json (read once). */
export const core: CoreFixtures = JSON.parse(readFileSync(join(here, "..", "fixtures", "core.json"), "utf8")) as CoreFixtures;

/** A tensor from a fixture entry; float data may be built as float64 for gradient work. */
export function fromFixture(t: FixtureTensor, floatDtype: "float32" | "float64" = "float32"): bp.Tensor {
  return bp.tensor(t.data, t.shape, t.dtype === "int32" ? "int32" : floatDtype);
}

export interface Tolerance {
  rtol: number;
  atol: number;
}

/** float32 results vs float64 references. */
export const F32: Tolerance = { rtol: 1e-4, atol: 1e-5 };
/** float64 results vs float64 references (inputs are exact 4-decimal values, so only rounding differs). */
export const F64: Tolerance = { rtol: 1e-9, atol: 1e-10 };

/** Asserts shape equality and element-wise closeness (NaN matches NaN, infinities must match exactly). */
export function expectClose(actual: bp.Tensor, shape: readonly number[], expected: ArrayLike<number>, tol: Tolerance, label = ""): void {
  expect([...actual.shape], `${label} shape`).toEqual([...shape]);
  const a = actual.dataSync();
  expect(a.length, `${label} size`).toBe(expected.length);
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = expected[i] as number;
    if (Number.isNaN(y) || !Number.isFinite(y)) {
      expect(Object.is(x, y) || (Number.isNaN(x) && Number.isNaN(y)), `${label}[${i}]: ${x} vs ${y}`).toBe(true);
      continue;
    }
    const ok = Math.abs(x - y) <= tol.atol + tol.rtol * Math.abs(y);
    if (!ok) expect.fail(`${label}[${i}]: got ${x}, expected ${y} (rtol ${tol.rtol}, atol ${tol.atol})`);
  }
}

/** Compares a tensor with a fixture tensor (shape, dtype family and values). */
export function expectFixture(actual: bp.Tensor, expected: FixtureTensor, tol: Tolerance, label = ""): void {
  if (expected.dtype === "int32") expect(actual.dtype, `${label} dtype`).toBe("int32");
  else expect(actual.dtype, `${label} dtype`).not.toBe("int32");
  expectClose(actual, expected.shape, expected.data, tol, label);
}

/** Compares two tensors of the library with each other (for identities between ops). */
export function expectSame(actual: bp.Tensor, expected: bp.Tensor, tol: Tolerance = { rtol: 1e-6, atol: 1e-7 }, label = ""): void {
  expectClose(actual, expected.shape, expected.dataSync(), tol, label);
}

/** A seeded float64 tensor with values in [lo, hi). */
export function rand64(shape: number[], seed: number, lo = -1, hi = 1): bp.Tensor {
  return bp.rand(shape, { seed, minval: lo, maxval: hi, dtype: "float64" });
}

/** A seeded float64 tensor whose values are pairwise at least `gap` apart (no ties for max / maxPool). */
export function distinct64(shape: number[], seed: number, gap = 0.05): bp.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const perm = Array.from({ length: n }, (_, i) => i);
  new bp.Rng(seed).shuffle(perm);
  return bp.tensor(perm.map((p) => (p - n / 2) * gap), shape, "float64");
}
