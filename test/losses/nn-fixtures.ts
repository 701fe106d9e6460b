/**
 * Loading test/fixtures/nn.json (reference values from PyTorch in Keras 3 conventions; see
 * test/fixtures/README.md) for the loss and optimizer tests, and comparing tensors with it.
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

export interface LossCase {
  name: string;
  loss: string;
  config: Record<string, unknown>;
  yTrue: FixtureTensor;
  yPred: FixtureTensor;
  perSample: FixtureTensor;
  value: FixtureTensor;
  grad: FixtureTensor;
}

export interface TrajectoryStep {
  step: number;
  learningRate: number;
  loss: number;
  grads: FixtureTensor[];
  clippedGrads?: FixtureTensor[];
  params: FixtureTensor[];
}

export interface Trajectory {
  name: string;
  optimizer: string;
  config: Record<string, unknown>;
  steps: TrajectoryStep[];
  finalLoss: number;
}

export interface ScheduleCase {
  name: string;
  config: { schedule: string } & Record<string, unknown>;
  steps: number[];
  values: number[];
}

export interface NnFixtures {
  losses: LossCase[];
  optimizers: {
    problem: {
      description: string;
      c1: FixtureTensor;
      c2: FixtureTensor;
      w0: FixtureTensor;
      b0: FixtureTensor;
    };
    trajectories: Trajectory[];
  };
  schedules: ScheduleCase[];
}

const here = dirname(fileURLToPath(import.meta.url));

/** The parsed nn.json (read once per test file). */
export const nn: NnFixtures = JSON.parse(
  readFileSync(join(here, "..", "fixtures", "nn.json"), "utf8"),
) as NnFixtures;

export type FloatDType = "float32" | "float64";

/** A tensor from a fixture entry; float data is built in `floatDtype`, int32 stays int32. */
export function fromFixture(t: FixtureTensor, floatDtype: FloatDType = "float32"): bp.Tensor {
  return bp.tensor(t.data, t.shape, t.dtype === "int32" ? "int32" : floatDtype);
}

export interface Tolerance {
  rtol: number;
  atol: number;
}

/** float32 computation vs float64 reference. */
export const F32: Tolerance = { rtol: 1e-4, atol: 1e-5 };
/** float64 computation vs float64 reference. */
export const F64: Tolerance = { rtol: 1e-9, atol: 1e-10 };

/** Asserts the shape and element-wise closeness |a − e| ≤ atol + rtol·|e|. */
export function expectClose(actual: bp.Tensor, expected: FixtureTensor, tol: Tolerance, label: string): void {
  expect([...actual.shape], `${label} shape`).toEqual(expected.shape);
  const a = actual.dataSync();
  expect(a.length, `${label} size`).toBe(expected.data.length);
  expected.data.forEach((e, i) => {
    const x = a[i] as number;
    if (!(Math.abs(x - e) <= tol.atol + tol.rtol * Math.abs(e))) {
      expect.fail(`${label}[${i}]: got ${x}, expected ${e} (rtol ${tol.rtol}, atol ${tol.atol})`);
    }
  });
}

/** Asserts |a − e| ≤ atol + rtol·|e| for two numbers. */
export function expectNear(actual: number, expected: number, tol: Tolerance, label: string): void {
  if (!(Math.abs(actual - expected) <= tol.atol + tol.rtol * Math.abs(expected))) {
    expect.fail(`${label}: got ${actual}, expected ${expected} (rtol ${tol.rtol}, atol ${tol.atol})`);
  }
}
