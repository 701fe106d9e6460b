/**
 * Noted kernel calls: a replay of a captured step on the wasm backend repeats each kernel's noted
 * calls into the module (parameter words, share calls, direct calls, byte copies) instead of running
 * the kernel's JavaScript, with the eager step's bits; notes go stale when the threads change, are
 * refused for kernels that run JavaScript on data (float64), and free their blocks with the step.
 */
import { describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { createWasmBackend } from "../../src/backend/wasm/index.js";
import { WasmRuntime } from "../../src/backend/wasm/runtime.js";
import { threadsReady, wasmBackend } from "./helpers.js";

const L = bp.layers;

/** A small CNN's training step: convolution (packed-filter blocks), pooling, dense, loss, gradients and Adam. */
function trainingStep(seed: number): { step: bp.CompiledStep<void>; weights: () => Float32Array[] } {
  bp.setSeed(seed);
  const model = bp.sequential([
    L.conv2d({ filters: 6, kernelSize: 3, padding: "same", activation: "relu", inputShape: [12, 12, 1] }),
    L.maxPooling2d({ poolSize: 2 }),
    L.flatten(),
    L.dense({ units: 32, activation: "relu" }),
    L.dense({ units: 4, activation: "softmax" }),
  ]);
  model.build([null, 12, 12, 1]);
  const opt = bp.optimizers.adam({ learningRate: 0.01 });
  const vars = model.trainableWeights;
  const step = bp.compileStep((x: bp.Tensor, y: bp.Tensor) => {
    const gs = bp.grads(() => bp.losses.categoricalCrossentropy(y, model.apply(x)).mean())(vars);
    opt.applyGradients(vars.map((variable, i) => ({ variable, grad: gs[i]! })));
  });
  return { step, weights: () => vars.map((v) => v.dataSync() as Float32Array) };
}

function batches(count: number): [bp.Tensor, bp.Tensor][] {
  return Array.from({ length: count }, (_, i) => [
    bp.keep(bp.randn([16, 12, 12, 1], { seed: 100 + i })),
    bp.keep(bp.oneHot(bp.tensor(Array.from({ length: 16 }, (_, k) => (k * 7 + i) % 4), [16], "int32"), 4)),
  ]);
}

function sameBits(a: Float32Array[], b: Float32Array[]): void {
  expect(a.length).toBe(b.length);
  a.forEach((w, i) => expect(Buffer.compare(Buffer.from(w.buffer), Buffer.from(b[i]!.buffer))).toBe(0));
}

/** Trains `calls` steps on the active backend, with captured steps on or off; returns the weights. */
function train(calls: number, capture: boolean, between?: (i: number) => void): Float32Array[] {
  bp.setCapture(capture);
  try {
    const { step, weights } = trainingStep(1);
    const data = batches(4);
    for (let i = 0; i < calls; i++) {
      between?.(i);
      const [x, y] = data[i % data.length]!;
      bp.tidy(() => step(x, y));
    }
    const out = weights();
    step.dispose();
    return out;
  } finally {
    bp.setCapture(true);
  }
}

describe("noted kernel calls", () => {
  test("replays run each kernel's noted calls, none of its JavaScript, with the eager step's bits", async () => {
    for (const threads of [1, 2]) {
      const name = `wasm-noted-${threads}`;
      bp.registerBackend(name, () => createWasmBackend({ threads }), -1);
      bp.setBackend(name);
      if (threads > 1) await threadsReady(name);
      const rt = wasmBackend(name).runtime;
      const eager = train(12, false);
      // the kernel glue calls the module's share exports through sharesOf (run, runArgs, runSplit and
      // runShares all end there; replays of notes do not): count its calls per step
      let glue = 0;
      type SharesOf = (...args: unknown[]) => void;
      const proto = WasmRuntime.prototype as unknown as { sharesOf: SharesOf };
      const sharesOf = proto.sharesOf;
      const perCall: number[] = [];
      proto.sharesOf = function (this: WasmRuntime, ...args: unknown[]) {
        glue++;
        sharesOf.apply(this, args);
      };
      try {
        const replayed = train(12, true, () => perCall.push(glue));
        perCall.push(glue);
        sameBits(replayed, eager);
      } finally {
        proto.sharesOf = sharesOf;
      }
      const glueCalls = perCall.slice(1).map((n, i) => n - perCall[i]!);
      // the eager call and the two recordings run the glue, the first replay notes it, later replays
      // skip it, Adam's six update-rule calls too: their noted arguments are rewritten from each
      // step's attributes (the bias corrections change every step, and the bits still match)
      expect(glueCalls[0]).toBeGreaterThan(6 + 10);
      expect(glueCalls[3]).toBe(glueCalls[0]);
      expect(glueCalls.slice(4)).toEqual(new Array(8).fill(0));
      expect(rt.noteStats.noted).toBeGreaterThan(8);
      expect(rt.noteStats.replayed).toBe(8 * rt.noteStats.noted);
      // the step's blocks (the packed filters, the padded input) are released with it
      expect(rt.noteStats.bytes).toBe(0);
    }
  });

  test("notes hold the kernels' blocks while the step lives and free them when it is disposed", () => {
    bp.registerBackend("wasm-noted-blocks", () => createWasmBackend({ threads: 1 }), -1);
    bp.setBackend("wasm-noted-blocks");
    const rt = wasmBackend("wasm-noted-blocks").runtime;
    const { step } = trainingStep(2);
    const [[x, y]] = batches(1) as [[bp.Tensor, bp.Tensor]];
    for (let i = 0; i < 5; i++) bp.tidy(() => step(x, y));
    expect(step.mode).toBe("replayed");
    expect(rt.noteStats.bytes).toBeGreaterThan(0);
    step.dispose();
    expect(rt.noteStats.bytes).toBe(0);
  });

  test("a change of threads between replays notes the kernels afresh, with one thread's bits", async () => {
    bp.registerBackend("wasm-noted-t1", () => createWasmBackend({ threads: 1 }), -1);
    bp.registerBackend("wasm-noted-switch", () => createWasmBackend({ threads: 2 }), -1);
    bp.setBackend("wasm-noted-t1");
    const want = train(12, false);
    bp.setBackend("wasm-noted-switch");
    await threadsReady("wasm-noted-switch");
    const rt = wasmBackend("wasm-noted-switch").runtime;
    const noted: number[] = [];
    try {
      // two threads, then one, then two again: the kernels' shares differ each time
      const got = train(12, true, (i) => {
        if (i === 6) rt.setThreads(1);
        if (i === 9) rt.setThreads(2);
        noted.push(rt.noteStats.noted);
      });
      sameBits(got, want);
    } finally {
      rt.setThreads(2);
    }
    // calls 0-2 are eager or recorded; noted at the first replay (call 3), again after each change (calls 6 and 9)
    const notedBy = (i: number): number => noted[i + 1]! - noted[i]!;
    expect(notedBy(3)).toBeGreaterThan(10);
    expect([notedBy(4), notedBy(5), notedBy(7), notedBy(8), notedBy(10)]).toEqual([0, 0, 0, 0, 0]);
    expect(notedBy(6)).toBe(notedBy(3));
    expect(notedBy(9)).toBe(notedBy(3));
  });

  test("float64 kernels, which run the js kernels on the data, are not noted and replay as kernels", () => {
    bp.registerBackend("wasm-noted-f64", () => createWasmBackend({ threads: 1 }), -1);
    bp.setBackend("wasm-noted-f64");
    const rt = wasmBackend("wasm-noted-f64").runtime;
    const w = bp.keep(bp.randn([5, 3], { seed: 1, dtype: "float64" }));
    const step = bp.compileStep((x: bp.Tensor) => x.matmul(w).tanh().sum(0));
    const outs: number[][] = [];
    const wants: number[][] = [];
    for (let i = 0; i < 6; i++) {
      const x = bp.randn([4, 5], { seed: 10 + i, dtype: "float64" });
      outs.push(bp.tidy(() => step(x).toArray() as number[]));
      wants.push(bp.tidy(() => x.matmul(w).tanh().sum(0).toArray() as number[]));
      x.dispose();
    }
    expect(step.mode).toBe("replayed");
    expect(outs).toEqual(wants);
    expect(rt.noteStats.refused).toBeGreaterThanOrEqual(3);
    expect(rt.noteStats.noted).toBe(0);
    step.dispose();
  });
});
