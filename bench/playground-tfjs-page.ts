/**
 * The TensorFlow.js side of `npm run bench:playground`, bundled for the browser: trains the
 * playground's network (2 inputs → tanh hidden layers → one sigmoid output, binary cross-entropy,
 * plain SGD at 0.03, batch 10, shuffled every epoch) on 500 points with one backend, in the page's
 * fastest form (pre-built tensors, optimizer.minimize inside tidy, one sync per epoch).
 */
import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";

interface Result {
  backend: string;
  epochsPerSecond?: number;
  error?: string;
}

async function runTfjs(backend: string, layers: number[], seconds: number): Promise<Result> {
  try {
    if (backend === "wasm") setWasmPaths("/tfjs-wasm/");
    if (!(await tf.setBackend(backend))) return { backend, error: "did not start" };
    await tf.ready();
    const n = 500;
    const xs = new Float32Array(2 * n);
    const ys = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const r = i % 2 ? 1.5 * Math.random() : 3.5 + 1.5 * Math.random();
      const t = 2 * Math.PI * Math.random();
      xs[2 * i] = r * Math.cos(t);
      xs[2 * i + 1] = r * Math.sin(t);
      ys[i] = i % 2;
    }
    const x = tf.tensor2d(xs, [n, 2]);
    const y = tf.tensor2d(ys, [n, 1]);
    const model = tf.sequential();
    layers.forEach((units, i) =>
      model.add(tf.layers.dense({ units, activation: "tanh", ...(i === 0 ? { inputShape: [2] } : {}) })),
    );
    model.add(
      tf.layers.dense({
        units: 1,
        activation: "sigmoid",
        ...(layers.length === 0 ? { inputShape: [2] } : {}),
      }),
    );
    const opt = tf.train.sgd(0.03);
    const batch = 10;
    const epoch = (): void => {
      const order = tf.util.createShuffledIndices(n);
      let last: tf.Scalar | null = null;
      for (let b = 0; b < n; b += batch) {
        const idx = tf.tensor1d(Int32Array.from(order.slice(b, b + batch)), "int32");
        last?.dispose();
        last = tf.tidy(() => {
          const xb = tf.gather(x, idx);
          const yb = tf.gather(y, idx);
          return opt.minimize(
            () => tf.losses.logLoss(yb, model.apply(xb, { training: true }) as tf.Tensor),
            true,
          ) as tf.Scalar;
        });
        idx.dispose();
      }
      last?.dataSync();
      last?.dispose();
    };
    epoch(); // warm-up: kernels compiled, shaders linked
    const t0 = performance.now();
    let epochs = 0;
    while (performance.now() - t0 < seconds * 1000) {
      epoch();
      epochs++;
      await new Promise((ok) => setTimeout(ok, 0));
    }
    const rate = epochs / ((performance.now() - t0) / 1000);
    tf.disposeVariables();
    x.dispose();
    y.dispose();
    return { backend: tf.getBackend(), epochsPerSecond: rate };
  } catch (e) {
    return { backend, error: e instanceof Error ? e.message : String(e) };
  }
}

(globalThis as unknown as { runTfjs: typeof runTfjs }).runTfjs = runTfjs;
(globalThis as unknown as { tfjsReady: boolean }).tfjsReady = true;
