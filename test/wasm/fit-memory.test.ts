/**
 * Repeated training keeps the wasm backend's memory flat: after the first fit has recorded its
 * programs, further fits (captured steps, a partial last batch, validation, dropout), evaluations and
 * predictions of the same model neither grow the WebAssembly memory nor hold more blocks or tensors.
 */
import { describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { createWasmBackend, type WasmBackend } from "../../src/backend/wasm/index.js";
import { backendByName } from "../../src/tensor/engine.js";

const models: Record<string, () => bp.layers.Layer[]> = {
  mlp: () => [
    bp.layers.dense({ units: 128, activation: "relu", inputShape: [196] }),
    bp.layers.dropout({ rate: 0.2 }),
    bp.layers.dense({ units: 10, activation: "softmax" }),
  ],
  cnn: () => [
    bp.layers.conv2d({ filters: 4, kernelSize: 3, activation: "relu", inputShape: [14, 14, 1] }),
    bp.layers.maxPooling2d({ poolSize: 2 }),
    bp.layers.flatten(),
    bp.layers.dense({ units: 10, activation: "softmax" }),
  ],
};

/** What the backend holds: committed WebAssembly memory, reserved blocks and the bytes of its tensors. */
function held(name: string): number[] {
  const be = backendByName(name) as unknown as WasmBackend;
  return [be.runtime.heap.size, be.runtime.heap.reservedBytes, be.bytesInUse()];
}

describe("memory over repeated fits", () => {
  test.each([
    [1, "mlp"],
    [1, "cnn"],
    [2, "mlp"],
    [2, "cnn"],
  ])(
    "with %i thread(s), a %s trained by six fits holds the same memory after each fit",
    async (threads, kind) => {
      // a backend of its own, so tensors that other tests left to the collector are not counted
      const backend = `wasm-fits-${threads}-${kind}`;
      bp.registerBackend(
        backend,
        () => createWasmBackend({ threads, parallelThreshold: threads > 1 ? 0 : undefined }),
        -1,
      );
      bp.setBackend(backend);
      const n = 1000; // 15 full batches of 64 and a partial one of 40; 100 rows held out for validation
      const x = bp.keep(bp.rand(kind === "cnn" ? [n, 14, 14, 1] : [n, 196], { seed: 1 }));
      const y = bp.tidy(() =>
        bp.keep(
          bp.oneHot(
            bp.tensor(
              Int32Array.from({ length: n }, (_, i) => (i * 7) % 10),
              [n],
              "int32",
            ),
            10,
          ),
        ),
      );
      const model = bp.sequential(models[kind]!());
      model.compile({ optimizer: "adam", loss: "categoricalCrossentropy", metrics: ["accuracy"] });
      const after: number[][] = [];
      for (let fit = 0; fit < 6; fit++) {
        const history = await model.fit(x, y, {
          epochs: 2,
          batchSize: 64,
          verbose: 0,
          shuffle: true,
          validationSplit: 0.1,
        });
        expect(Number.isFinite(history.history.loss?.[1])).toBe(true);
        model.evaluate(x, y, { batchSize: 128 });
        bp.tidy(() => model.predict(x, { batchSize: 100 }).dataSync());
        after.push(held(backend));
      }
      for (const h of after.slice(1)) expect(h).toEqual(after[0]);
    },
    60_000,
  );
});
