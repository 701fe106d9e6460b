/** Small seeded models and data shared by the model tests. */
import * as bp from "../../src/index.js";

/** A dense network with the given layer sizes (first = input size); relu hidden layers, `out` activation last. */
export function mlp(sizes: number[], out: bp.ActivationName = "softmax", seed = 1): bp.Sequential {
  const layers = sizes.slice(1).map((units, i) =>
    bp.layers.dense({
      units,
      activation: i === sizes.length - 2 ? out : "relu",
      kernelInitializer: bp.initializers.glorotUniform({ seed: seed + i }),
      biasInitializer: bp.initializers.randomNormal({ seed: seed + 100 + i, stddev: 0.1 }),
      ...(i === 0 ? { inputShape: [sizes[0]!] } : {}),
    }),
  );
  return bp.sequential(layers);
}

/** n samples: x [n, d] normal, y one-hot [n, k] from a fixed rule (so the task is learnable). */
export function classification(n: number, d: number, k: number, seed = 3): { x: bp.Tensor; y: bp.Tensor; labels: number[] } {
  const x = bp.randn([n, d], { seed });
  const data = x.dataSync();
  const labels = Array.from({ length: n }, (_, i) => {
    const s = data[i * d]! + 0.5 * data[i * d + 1]!;
    return Math.min(k - 1, Math.max(0, Math.floor((s + 1.5) / (3 / k))));
  });
  return { x, y: bp.oneHot(labels, k), labels };
}

/** A writer that records everything. */
export function captureWriter(isTTY = false): { text: () => string; writer: { write: (s: string) => void; isTTY: boolean } } {
  const out: string[] = [];
  return { text: () => out.join(""), writer: { write: (s) => void out.push(s), isTTY } };
}

export const arrays = (ts: bp.Tensor[]): number[][] => ts.map((t) => [...t.dataSync()]);

/** The weights of mlp([3, 6, 3]) after two SGD epochs (batch 8, seed 3) on x, y with `opts` added: for fit options that weigh samples. */
export async function weightsAfterFit(x: bp.Tensor, y: bp.Tensor, opts: bp.FitArgs): Promise<number[][]> {
  const model = mlp([3, 6, 3]);
  model.compile({ optimizer: bp.optimizers.sgd({ learningRate: 0.2 }), loss: "categoricalCrossentropy" });
  await model.fit(x, y, { epochs: 2, batchSize: 8, verbose: 0, seed: 3, ...opts });
  return arrays(model.getWeights());
}
