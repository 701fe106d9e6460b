/**
 * Model-level parity: the same model, data and seed trained with `fit` on the js backend and on the
 * wasm backend follow the same loss trajectory (float32 tolerance), and on the wasm backend the same
 * seed and thread count give bit-identical weights.
 */
import { describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { createWasmBackend } from "../../src/backend/wasm/index.js";
import { threadsReady } from "./helpers.js";

function data(): { x: bp.Tensor; y: bp.Tensor } {
  const rng = new bp.Rng(3);
  const n = 96;
  const xs = Float32Array.from({ length: n * 8 * 8 }, () => rng.uniform());
  const labels = Array.from({ length: n }, (_, i) => i % 3);
  return { x: bp.tensor(xs, [n, 8, 8, 1]), y: bp.oneHot(labels, 3) };
}

async function train(backend: string, seed: number): Promise<{ loss: number[]; weights: number[][] }> {
  bp.setBackend(backend);
  bp.setSeed(seed);
  const { x, y } = data();
  const model = bp.sequential([
    bp.layers.conv2d({ filters: 4, kernelSize: 3, activation: "relu", inputShape: [8, 8, 1] }),
    bp.layers.maxPooling2d({ poolSize: 2 }),
    bp.layers.flatten(),
    bp.layers.dense({ units: 16, activation: "relu" }),
    bp.layers.dense({ units: 3, activation: "softmax" }),
  ]);
  model.compile({ optimizer: bp.optimizers.adam({ learningRate: 0.01 }), loss: "categoricalCrossentropy" });
  const history = await model.fit(x, y, { epochs: 4, batchSize: 16, shuffle: true, seed, verbose: 0 });
  return { loss: history.history.loss as number[], weights: model.getWeights().map((w) => Array.from(w.dataSync())) };
}

describe("fit on both backends", () => {
  test("loss trajectories agree between js and wasm", async () => {
    const js = await train("js", 5);
    const wasm = await train("wasm", 5);
    expect(wasm.loss.length).toBe(4);
    wasm.loss.forEach((l, i) => expect(Math.abs(l - js.loss[i]!)).toBeLessThan(1e-3 * Math.max(1, Math.abs(js.loss[i]!))));
    expect(wasm.loss[3]!).toBeLessThan(wasm.loss[0]!);
  });

  test("the same seed and thread count give bit-identical weights on the wasm backend", async () => {
    for (const threads of [1, 2]) {
      const runs = [];
      for (let r = 0; r < 2; r++) {
        const name = `wasm-fit-${threads}-${r}`;
        bp.registerBackend(name, () => createWasmBackend({ threads, parallelThreshold: 0 }), -1);
        bp.setBackend(name);
        await threadsReady(name);
        runs.push(await train(name, 11));
      }
      expect(runs[1]!.weights).toEqual(runs[0]!.weights);
      expect(runs[1]!.loss).toEqual(runs[0]!.loss);
    }
  });
});
