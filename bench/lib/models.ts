/**
 * The workloads' models and synthetic digits for the in-process benches (compare-trees, threads,
 * capture-epochs), built through whichever backprop tree is passed in so two checkouts get the same.
 */
import type * as BP from "../../src/index.js";
import { LEARNING_RATE, TRAIN } from "./spec.js";

export type Lib = typeof BP;

/** The compiled model of workload W1, W2 or W3 (W5 predicts with W1's), Adam at the shared learning rate. */
export function workloadModel(lib: Lib, w: string): BP.Sequential {
  const L = lib.layers;
  const m =
    w === "W3"
      ? lib.sequential([
          L.conv2d({ filters: 8, kernelSize: 5, activation: "relu", inputShape: [28, 28, 1] }),
          L.maxPooling2d({ poolSize: 2 }),
          L.conv2d({ filters: 16, kernelSize: 5, activation: "relu" }),
          L.maxPooling2d({ poolSize: 2 }),
          L.flatten(),
          L.dense({ units: 10, activation: "softmax" }),
        ])
      : lib.sequential([
          ...(w === "W2" ? TRAIN.W2.hidden : TRAIN.W1.hidden).map((units, i) =>
            L.dense({ units, activation: "relu", ...(i === 0 ? { inputShape: [784] } : {}) }),
          ),
          L.dense({ units: 10, activation: "softmax" }),
        ]);
  m.compile({
    optimizer: lib.optimizers.adam({ learningRate: LEARNING_RATE }),
    loss: "categoricalCrossentropy",
  });
  return m;
}

/** n deterministic 784-pixel rows in [0, 1] and one-hot labels of 10 classes (not real digits). */
export function syntheticDigits(n: number): { xData: Float32Array; yData: Float32Array } {
  return {
    xData: new Float32Array(n * 784).map((_, i) => ((i * 7919) % 255) / 255),
    yData: new Float32Array(n * 10).map((_, i) => (i % 10 === (Math.floor(i / 10) * 7) % 10 ? 1 : 0)),
  };
}
