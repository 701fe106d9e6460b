/**
 * Shared helpers of the nn tests: test/fixtures/nn.json (PyTorch reference values in Keras layouts,
 * see test/fixtures/README.md), tensors from its entries, and element-wise comparison.
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

export interface LayerCase {
  name: string;
  layer: string;
  config: Record<string, unknown>;
  training?: boolean;
  input: FixtureTensor;
  weights: (FixtureTensor & { name: string })[];
  output: FixtureTensor;
  updatedWeights?: (FixtureTensor & { name: string })[];
  cotangent: FixtureTensor;
  grads: Record<string, FixtureTensor | null>;
  /** Weight penalties (one scalar per regularized weight, in weight order) and the gradient of their sum. */
  regularization?: { losses: (FixtureTensor & { name: string })[]; grads: Record<string, FixtureTensor> };
}

const here = dirname(fileURLToPath(import.meta.url));

/** The layer cases of nn.json. */
export const layerCases: LayerCase[] = (JSON.parse(readFileSync(join(here, "..", "fixtures", "nn.json"), "utf8")) as { layers: LayerCase[] }).layers;

export type FloatDType = "float32" | "float64";

export function fromFixture(t: FixtureTensor, dtype: FloatDType = "float32"): bp.Tensor {
  return bp.tensor(t.data, t.shape, t.dtype === "int32" ? "int32" : dtype);
}

export interface Tolerance {
  rtol: number;
  atol: number;
}

export const F32: Tolerance = { rtol: 1e-4, atol: 1e-5 };
export const F64: Tolerance = { rtol: 1e-9, atol: 1e-11 };

/** Shape equality and |a - e| ≤ atol + rtol·|e| element-wise. */
export function expectClose(actual: bp.Tensor, shape: readonly number[], expected: ArrayLike<number>, tol: Tolerance, label = ""): void {
  expect([...actual.shape], `${label} shape`).toEqual([...shape]);
  const a = actual.dataSync();
  expect(a.length, `${label} size`).toBe(expected.length);
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = expected[i]!;
    if (!(Math.abs(x - y) <= tol.atol + tol.rtol * Math.abs(y))) expect.fail(`${label}[${i}]: got ${x}, expected ${y} (rtol ${tol.rtol}, atol ${tol.atol})`);
  }
}

export function expectFixture(actual: bp.Tensor, expected: FixtureTensor, tol: Tolerance, label = ""): void {
  expectClose(actual, expected.shape, expected.data, tol, label);
}

/** Two library tensors agree. */
export function expectSame(actual: bp.Tensor, expected: bp.Tensor, tol: Tolerance = F64, label = ""): void {
  expectClose(actual, expected.shape, expected.dataSync(), tol, label);
}

/** Runs fn and returns what it throws (fails if it does not throw). */
export function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  return expect.fail("expected an error to be thrown");
}

/** A layer factory of bp.layers by name. */
export function factory(name: string): (args: Record<string, unknown>) => bp.layers.Layer {
  const f = (bp.layers as unknown as Record<string, unknown>)[name];
  if (typeof f !== "function") throw new Error(`no factory bp.layers.${name}`);
  return f as (args: Record<string, unknown>) => bp.layers.Layer;
}

/** The short name of a weight: "dense_1/kernel" → "kernel". */
export function shortName(v: bp.Variable): string {
  return v.name.slice(v.name.lastIndexOf("/") + 1);
}
