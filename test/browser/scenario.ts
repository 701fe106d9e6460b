/**
 * One computation run twice — in headless Chromium (bundled by browser.test.ts) and in Node — so
 * the test can compare the two: tensor ops, gradients, a tiny model trained on the default backend
 * and on "js", and a large matmul at one and two threads. Everything comes back as plain JSON.
 *
 *   const result = await runScenario();   // same call in both hosts
 */
import * as bp from "../../src/index.js";
import type { WasmBackend } from "../../src/backend/wasm/index.js";
import type { ThreadPool } from "../../src/backend/wasm/threads.js";
import { backend } from "../../src/tensor/engine.js";

export interface TrainResult {
  backend: string;
  loss: number[];
  accuracy: number[];
  predictions: number[];
}

export interface ThreadResult {
  /** What getThreads() said after setThreads(2). */
  threadsAfterSet2: number;
  /** Helper workers ready after yielding to the event loop (at most 10 s) once setThreads(2) returned. */
  helpersReady: number;
  /** Shares the helper workers (not the calling thread) ran during the last two-thread product. */
  helperShares: number;
  /** Two-thread products computed (until one had shares run by a helper). */
  products: number;
  /** max |C₂ − C₁| over the whole product (two threads vs one). */
  maxAbsDiff: number;
  /** A strided sample of the product at one thread, for comparison with the other host. */
  sample: number[];
}

export interface ScenarioResult {
  defaultBackend: string;
  /** The wasm build ("relaxed" or "plain"), undefined when the default backend is not wasm. */
  build: string | undefined;
  crossOriginIsolated: boolean | undefined;
  defaultThreads: number;
  ops: Record<string, number[]>;
  grads: Record<string, number[]>;
  train: TrainResult[];
  threads: ThreadResult;
}

const flat = (t: bp.Tensor): number[] => Array.from(t.dataSync());

function runOps(): Record<string, number[]> {
  return bp.tidy(() => {
    const a = bp.randn([5, 7], { seed: 11 });
    const b = bp.randn([7, 3], { seed: 12 });
    const row = bp.randn([7], { seed: 13 });
    const img = bp.randn([2, 6, 6, 3], { seed: 14 });
    const filt = bp.randn([3, 3, 3, 4], { seed: 15 });
    return {
      matmul: flat(bp.matmul(a, b)),
      broadcast: flat(a.add(row).mul(2).sub(1)),
      unary: flat(bp.concat([a.exp(), a.abs().add(1).log(), a.sigmoid(), a.tanh(), a.relu(), a.abs().sqrt()], 1)),
      softmax: flat(bp.softmax(a)),
      logSoftmax: flat(bp.logSoftmax(a, 0)),
      reductions: [
        ...flat(bp.sum(a, 1)), ...flat(bp.mean(a, 0)), ...flat(bp.max(a, 1)), ...flat(bp.min(a, [0, 1])),
        ...flat(bp.argmax(a, 1)),
      ],
      transpose: flat(bp.transpose(a).reshape([7, 5]).slice([1, 1], [3, 2])),
      conv2d: flat(bp.conv2d(img, filt, { strides: 1, padding: "same" })),
      maxPool2d: flat(bp.maxPool2d(img, { poolSize: 2, strides: 2 })),
      avgPool2d: flat(bp.avgPool2d(img, { poolSize: 3, strides: 1, padding: "valid" })),
    };
  });
}

function runGrads(): Record<string, number[]> {
  return bp.tidy(() => {
    const x = bp.randn([4, 3], { seed: 21 });
    const w = bp.randn([3, 5], { seed: 22 });
    const img = bp.randn([1, 5, 5, 2], { seed: 23 });
    const filt = bp.randn([3, 3, 2, 3], { seed: 24 });
    const mlp = (wt: bp.Tensor): bp.Tensor => bp.matmul(x, wt).tanh().mul(bp.matmul(x, wt).sigmoid()).sum();
    const { value, grad } = bp.valueAndGrad(mlp)(w);
    const [gImg, gFilt] = bp.grads((i: bp.Tensor, f: bp.Tensor) =>
      bp.maxPool2d(bp.conv2d(i, f, { padding: "same" }).relu(), { poolSize: 2, strides: 1 }).square().mean(),
    )([img, filt]);
    const second = bp.grad((v: bp.Tensor) => bp.grad((u: bp.Tensor) => u.pow(3).sum())(v).sum())(bp.tensor([0.5, -1, 2]));
    return {
      value: [value.item()],
      dW: flat(grad),
      dImg: flat(gImg!),
      dFilt: flat(gFilt!),
      second: flat(second),
    };
  });
}

async function train(name: string): Promise<TrainResult> {
  bp.setBackend(name);
  bp.setSeed(7);
  const { x, y } = bp.data.toy.xor({ n: 128, noise: 0.05, seed: 1 });
  const model = bp.sequential([
    bp.layers.dense({ units: 16, activation: "tanh", inputShape: [2] }),
    bp.layers.dense({ units: 1, activation: "sigmoid" }),
  ]);
  model.compile({ optimizer: bp.optimizers.adam({ learningRate: 0.05 }), loss: "binaryCrossentropy", metrics: ["accuracy"] });
  const history = await model.fit(x, y, { epochs: 25, batchSize: 32, shuffle: true, seed: 3, verbose: 0 });
  const probe = bp.tensor([[0.5, 0.5], [-0.5, 0.5], [0.5, -0.5], [-0.5, -0.5]]);
  const predictions = flat(model.predict(probe));
  return {
    backend: bp.getBackend(),
    loss: history.history.loss ?? [],
    accuracy: history.history.accuracy ?? [],
    predictions,
  };
}

/** The active backend seen as the wasm backend (its fields are undefined when it is another). */
const wasm = (): Partial<WasmBackend> => backend() as unknown as Partial<WasmBackend>;

function pool(): ThreadPool | undefined {
  return wasm().runtime?.threadPool;
}

const helperShares = (): number => pool()?.stats.helperShares ?? 0;

/**
 * Yields to the event loop until a helper worker reports ready (at most `ms`): workers start
 * asynchronously, and until one is ready the calling thread runs every share itself.
 */
async function helpersReady(ms: number): Promise<number> {
  if (!pool()) return 0; // no shared memory: one thread, no helpers to wait for
  const t0 = Date.now();
  while ((pool()?.readyCount() ?? 0) < 1 && Date.now() - t0 < ms) await new Promise((ok) => setTimeout(ok, 5));
  return pool()?.readyCount() ?? 0;
}

async function runThreads(): Promise<ThreadResult> {
  const n = 384;
  const a = bp.randn([n, n], { seed: 31 });
  const b = bp.randn([n, n], { seed: 32 });
  bp.setThreads(1);
  const c1 = bp.matmul(a, b).dataSync();
  bp.setThreads(2);
  const threadsAfterSet2 = bp.getThreads();
  const ready = await helpersReady(10_000);
  // The helper may still be asleep when the caller has claimed every share of one product (it
  // then runs them all itself, correctly); repeat, up to 8 products, until a helper took part.
  let shares = 0;
  let products = 0;
  let maxAbsDiff = 0;
  while (shares === 0 && products < 8) {
    const before = helperShares();
    const c2 = bp.matmul(a, b).dataSync();
    shares = helperShares() - before;
    products++;
    for (let i = 0; i < c1.length; i++) maxAbsDiff = Math.max(maxAbsDiff, Math.abs((c1[i] ?? 0) - (c2[i] ?? 0)));
    await new Promise((ok) => setTimeout(ok, 0));
  }
  const sample: number[] = [];
  for (let i = 0; i < c1.length; i += 997) sample.push(c1[i] ?? 0);
  a.dispose();
  b.dispose();
  return { threadsAfterSet2, helpersReady: ready, helperShares: shares, products, maxAbsDiff, sample };
}

/** Runs everything on the default backend (and "js" for the second training run); leaves the default active. */
export async function runScenario(): Promise<ScenarioResult> {
  const defaultBackend = bp.getBackend();
  const be = wasm();
  const result: ScenarioResult = {
    defaultBackend,
    build: be.build,
    crossOriginIsolated: (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated,
    defaultThreads: bp.getThreads(),
    ops: runOps(),
    grads: runGrads(),
    train: [],
    threads: await runThreads(),
  };
  result.train.push(await train(defaultBackend));
  result.train.push(await train("js"));
  bp.setBackend(defaultBackend);
  return result;
}
