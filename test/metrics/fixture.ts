/** Loads test/fixtures/metrics.json (scikit-learn reference values; see gen_metrics.py). */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export interface FixtureArray {
  shape: number[];
  data: number[];
}

export interface ClassificationCase {
  name: string;
  y_true: number[];
  y_pred: number[];
  num_classes: number;
  confusion_matrix: number[][];
  accuracy: number;
  per_class: { precision: number; recall: number; f1: number; support: number }[];
  macro: { precision: number; recall: number; f1: number };
  weighted: { precision: number; recall: number; f1: number };
  labels: number[];
  report_2: string;
  report_4: string;
}

export interface ScoreCase {
  name: string;
  kind: "binary" | "multiclass";
  y_true: FixtureArray;
  y_prob: FixtureArray;
  sample_weight?: number[];
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  mae: number;
}

export interface MetricsFixture {
  classification: ClassificationCase[];
  scores: ScoreCase[];
  scalers: {
    x_train: FixtureArray;
    x_test: FixtureArray;
    standard: { mean: number[]; scale: number[]; transform: number[]; inverse: number[] };
    minmax: { feature_range: [number, number]; data_min: number[]; data_range: number[]; transform: number[]; inverse: number[] };
  };
  class_weight: { y: number[]; weights: Record<string, number> }[];
}

const here = dirname(fileURLToPath(import.meta.url));
export const fixture = JSON.parse(readFileSync(join(here, "..", "fixtures", "metrics.json"), "utf8")) as MetricsFixture;

/** Element-wise closeness with an absolute + relative tolerance (float32 inputs, float64 reference). */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol = 1e-5): void {
  if (actual.length !== expected.length) throw new Error(`length ${actual.length} ≠ ${expected.length}`);
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i] as number;
    const e = expected[i] as number;
    if (!(Math.abs(a - e) <= tol * (1 + Math.abs(e)))) throw new Error(`index ${i}: ${a} ≠ ${e} (tol ${tol})`);
  }
}
