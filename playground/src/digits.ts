/**
 * The convolution corner and the digit pad, in the worker: real MNIST digits (digits.bin, written by
 * the build from the `mnist` package), the blur, sharpen and outline kernels applied with bp.conv2d,
 * and a small CNN (conv 8@5×5 relu → max-pool 2 → dense softmax) trained here in the page whose
 * first-layer filters are shown and which classifies what is drawn on the pad.
 */
import * as bp from "../../src/index.js";

export const KERNELS: Record<string, number[]> = {
  blur: [1, 2, 1, 2, 4, 2, 1, 2, 1].map((v) => v / 16),
  sharpen: [0, -1, 0, -1, 5, -1, 0, -1, 0],
  outline: [-1, -1, -1, -1, 8, -1, -1, -1, -1],
};
const PIXELS = 784;
const TRAIN = 2500;

export interface Digits {
  images: Float32Array;
  labels: Int32Array;
  count: number;
}

let digits: Digits | undefined;
let cnn: bp.Sequential | undefined;

export async function loadDigits(): Promise<Digits> {
  if (digits) return digits;
  const res = await fetch(new URL("./digits.bin", import.meta.url));
  if (!res.ok) throw new Error(`digits.bin: HTTP ${res.status}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const count = bytes.length / (PIXELS + 1);
  if (!Number.isInteger(count) || count < TRAIN + 10)
    throw new Error(`digits.bin: ${bytes.length} bytes is not a set of 28×28 digits with labels`);
  digits = {
    images: Float32Array.from(bytes.subarray(0, count * PIXELS), (v) => v / 255),
    labels: Int32Array.from(bytes.subarray(count * PIXELS)),
    count,
  };
  return digits;
}

/** The digit, each kernel applied to it ("same" padding), and the CNN's first-layer maps if trained. */
export async function convolve(
  index: number,
): Promise<{ digit: number[]; label: number; maps: Record<string, number[]>; learned: number[][] }> {
  const d = await loadDigits();
  const i = Math.max(0, Math.min(d.count - 1, Math.floor(index)));
  const pixels = d.images.subarray(i * PIXELS, (i + 1) * PIXELS);
  return bp.tidy(() => {
    const x = bp.tensor(pixels, [1, 28, 28, 1]);
    const names = Object.keys(KERNELS);
    const filters = new Float32Array(9 * names.length);
    names.forEach((n, k) => (KERNELS[n] as number[]).forEach((v, j) => (filters[j * names.length + k] = v)));
    const out = bp.conv2d(x, bp.tensor(filters, [3, 3, 1, names.length]), { strides: 1, padding: "same" });
    const maps: Record<string, number[]> = {};
    names.forEach(
      (n, k) => (maps[n] = Array.from(bp.squeeze(out.slice([0, 0, 0, k], [1, 28, 28, 1])).dataSync())),
    );
    let learned: number[][] = [];
    const conv = cnn?.layers[0];
    if (conv) {
      const y = conv.apply(x, { training: false });
      const f = y.shape[3] ?? 0;
      learned = Array.from({ length: f }, (_, k) =>
        Array.from(y.slice([0, 0, 0, k], [1, y.shape[1] ?? 0, y.shape[2] ?? 0, 1]).dataSync()),
      );
    }
    return { digit: Array.from(pixels), label: d.labels[i] as number, maps, learned };
  });
}

/** Trains the pad's CNN on 2,500 digits (2 epochs, Adam); returns the accuracy on the others and the filters. */
export async function trainCnn(seed: number): Promise<{ accuracy: number; filters: number[][] }> {
  const d = await loadDigits();
  const L = bp.layers;
  const model = bp.sequential({
    layers: [
      L.conv2d({
        filters: 8,
        kernelSize: 5,
        activation: "relu",
        inputShape: [28, 28, 1],
        kernelInitializer: bp.initializers.heNormal({ seed }),
      }),
      L.maxPooling2d({ poolSize: 2 }),
      L.flatten(),
      L.dense({
        units: 10,
        activation: "softmax",
        kernelInitializer: bp.initializers.glorotUniform({ seed: seed + 1 }),
      }),
    ],
  });
  model.compile({
    optimizer: bp.optimizers.adam({ learningRate: 0.005 }),
    loss: "sparseCategoricalCrossentropy",
    metrics: ["accuracy"],
  });
  const x = bp.tensor(d.images.subarray(0, TRAIN * PIXELS), [TRAIN, 28, 28, 1]);
  const y = bp.tensor(Float32Array.from(d.labels.subarray(0, TRAIN)), [TRAIN]);
  const n = d.count - TRAIN;
  const xt = bp.tensor(d.images.subarray(TRAIN * PIXELS), [n, 28, 28, 1]);
  const yt = bp.tensor(Float32Array.from(d.labels.subarray(TRAIN)), [n]);
  await model.fit(x, y, { epochs: 2, batchSize: 32, seed, verbose: 0 });
  const accuracy = model.evaluate(xt, yt)["accuracy"] ?? NaN;
  for (const t of [x, y, xt, yt]) t.dispose();
  cnn?.layers.forEach((l) => l.weights.forEach((w) => w.dispose()));
  cnn = model;
  const k = model.layers[0]?.weights[0];
  const w = k ? Array.from(k.dataSync()) : [];
  const filters = Array.from({ length: 8 }, (_, f) =>
    Array.from({ length: 25 }, (_, j) => w[j * 8 + f] as number),
  );
  return { accuracy, filters };
}

/** Class probabilities of a drawn 28×28 image (0 = background, 1 = ink). */
export function classify(pixels: Float32Array): number[] | undefined {
  if (!cnn) return undefined;
  const model = cnn;
  return bp.tidy(() => Array.from(model.predict(bp.tensor(pixels, [1, 28, 28, 1])).dataSync()));
}
