/**
 * Float32 accuracy of the wasm backend's accumulating kernels at the sizes users meet: every sum,
 * mean, log-sum-exp and cross-entropy row must stay within 1e-6 of the float64 result (the js backend
 * on float64 data) relative to Σ|x|, as pairwise float32 summation does, on one thread and on two
 * threads with every kernel split; and log-softmax must be exact at equal large logits.
 */
import { beforeAll, describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import * as P from "../../src/autograd/primitives/index.js";
import { createWasmBackend } from "../../src/backend/wasm/index.js";
import { threadsReady } from "./helpers.js";

const BOUND = 1e-6;
const WASM = [
  { name: "wasm-acc-1", threads: 1 },
  { name: "wasm-acc-2", threads: 2 },
];
for (const v of WASM) bp.registerBackend(v.name, () => createWasmBackend({ threads: v.threads, parallelThreshold: v.threads > 1 ? 0 : undefined }), -1);

type Fill = "const1.1" | "const0.1" | "uniform" | "normal" | "huge" | "offset";

/** Seeded data: constants, uniform [0, 1), mixed-sign normal-ish, ±1e30-scaled and 1000 ± 1. */
function data(n: number, fill: Fill, seed = 7): Float32Array {
  const out = new Float32Array(n);
  if (fill === "const1.1") return out.fill(1.1);
  if (fill === "const0.1") return out.fill(0.1);
  let s = (seed * 2654435761) >>> 0 || 1;
  const next = (): number => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
  for (let i = 0; i < n; i++) {
    const u = next();
    out[i] = fill === "uniform" ? u : fill === "normal" ? (u + next() + next() - 1.5) * 2 : fill === "huge" ? (u - 0.45) * 2e30 : 1000 + (u - 0.5) * 2;
  }
  return out;
}

/** Runs f on `backend` over x (as float32, or float64 on js) and returns the result's values. */
function on(backend: string, x: Float32Array, shape: number[], f: (t: bp.Tensor) => bp.Tensor, dtype: "float32" | "float64" = "float32"): Float64Array {
  bp.setBackend(backend);
  return bp.tidy(() => {
    const t = bp.tensor(dtype === "float64" ? Float64Array.from(x) : x, shape, dtype);
    return Float64Array.from(f(t).dataSync());
  });
}

/** Asserts |got − want| ≤ BOUND·scale element-wise (scale: Σ|x| of each output, from float64). */
function within(got: Float64Array, want: Float64Array, scale: Float64Array, label: string): void {
  expect(got.length, label).toBe(want.length);
  let worst = 0;
  let at = 0;
  for (let k = 0; k < want.length; k++) {
    const rel = Math.abs((got[k] as number) - (want[k] as number)) / ((scale[k] as number) || Number.MIN_VALUE);
    if (!(rel <= worst)) [worst, at] = [rel, k];
  }
  expect(worst, `${label}: element ${at} is ${got[at]}, float64 gives ${want[at]} (error / Σ|x| = ${worst})`).toBeLessThanOrEqual(BOUND);
}

/** One reduction case: f applied to x, and g giving the matching Σ|x| (f of |x| for linear f). */
function check(backend: string, x: Float32Array, shape: number[], f: (t: bp.Tensor) => bp.Tensor, label: string, g = (t: bp.Tensor) => f(t.abs())): void {
  const want = on("js", x, shape, f, "float64");
  const scale = on("js", x, shape, g, "float64");
  within(on(backend, x, shape, f), want, scale, `${label} on ${backend}`);
}

const SIZES = [1e3, 1e4, 1e5, 1e6, 1e7];

describe.each(WASM)("float32 accuracy on $name", ({ name }) => {
  beforeAll(async () => {
    bp.setBackend(name);
    await threadsReady(name);
  });

  test.each(SIZES)("sum and mean of %d elements, all axes", (n) => {
    // at 1e7 (40 MB a tensor) only the two fills that differ most, to keep the test's time modest
    const fills = n < 1e7 ? (["const1.1", "const0.1", "uniform", "normal", "huge"] as const) : (["const1.1", "normal"] as const);
    for (const fill of fills) {
      const x = data(n, fill);
      check(name, x, [n], (t) => t.sum(), `sum ${fill} [${n}]`);
      if (n < 1e7) check(name, x, [n], (t) => t.mean(), `mean ${fill} [${n}]`);
      if (n >= 1e5 && n < 1e7) check(name, x, [2, n / 2], (t) => t.sum(), `sum ${fill} [2, ${n / 2}]`);
    }
  }, 60_000);

  test.each(SIZES)("sums along inner, outer, middle and split axes, %d elements", (n) => {
    const x = data(n, "normal", 3);
    const c = data(n, "const1.1");
    check(name, c, [n / 2, 2], (t) => t.mean(0), `mean(0) const [${n / 2}, 2]`);
    check(name, x, [n / 10, 10], (t) => t.sum(0), `sum(0) [${n / 10}, 10]`);
    check(name, x, [2, n / 2], (t) => t.sum(1), `sum(1) [2, ${n / 2}]`);
    if (n >= 1e7) return;
    check(name, x, [n / 2, 2], (t) => t.sum(0), `sum(0) [${n / 2}, 2]`);
    check(name, x, [n / 40, 40], (t) => t.sum(0), `sum(0) [${n / 40}, 40]`);
    check(name, c, [n / 100, 100], (t) => t.sum(0), `sum(0) const [${n / 100}, 100]`);
    check(name, x, [n / 20, 20], (t) => t.sum(1), `sum(1) [${n / 20}, 20]`);
    check(name, x, [4, n / 40, 10], (t) => t.sum(1), `sum(1) [4, ${n / 40}, 10]`);
    check(name, x, [4, n / 40, 10], (t) => t.sum([0, 2]), `sum([0, 2]) [4, ${n / 40}, 10]`);
    check(name, c, [10, n / 10], (t) => t.sum(0), `sum(0) const [10, ${n / 10}]`);
  }, 60_000);

  test.each([1e3, 1e5, 1e6])("batch statistics, norms and bias gradients, %d elements", (n) => {
    const x = data(n, "offset", 5);
    check(name, x, [n / 4, 4], (t) => bp.variance(t, 0), `variance(0) [${n / 4}, 4]`, (t) => bp.mean(t.sub(bp.mean(t, 0, true)).square(), 0));
    check(name, x, [n / 8, 8], (t) => bp.mean(t, 0), `batch mean [${n / 8}, 8]`);
    const g = data(n, "normal", 9);
    check(name, g, [n], (t) => t.square().sum().sqrt(), `norm [${n}]`, (t) => t.square().sum().sqrt());
    const biasGrad = (t: bp.Tensor): bp.Tensor => bp.grad((b: bp.Tensor) => t.add(b).mul(t).sum())(bp.zeros([10], t.dtype));
    check(name, g, [n / 10, 10], biasGrad, `bias gradient [${n / 10}, 10]`, (t) => t.abs().sum(0));
  }, 60_000);

  test.each([1e3, 1e5, 1e6])("log-softmax and softmax cross-entropy over rows of %d logits", (n) => {
    const z = data(n, "normal", 11);
    // an output x − m − log Σ e^(x − m) is bounded relative to its own size plus the log's argument scale
    const lsmScale = (axis: number) => (t: bp.Tensor) => bp.logSoftmax(t, axis).abs().add(1);
    check(name, z, [2, n / 2], (t) => bp.logSoftmax(t), `logSoftmax rows [2, ${n / 2}]`, lsmScale(-1));
    check(name, z, [n / 2, 2], (t) => bp.logSoftmax(t, 0), `logSoftmax axis 0 [${n / 2}, 2]`, lsmScale(0));
    const y = data(n, "uniform", 13);
    const rows = [2, n / 2];
    const yOf = (t: bp.Tensor): bp.Tensor => bp.tensor(t.dtype === "float64" ? Float64Array.from(y) : y, rows, t.dtype);
    const xent = (t: bp.Tensor): bp.Tensor => P.softmaxCrossEntropy([t, yOf(t)], {});
    const terms = (t: bp.Tensor): bp.Tensor => bp.logSoftmax(t).mul(yOf(t)).abs().sum(-1);
    check(name, z, rows, xent, `cross-entropy rows [2, ${n / 2}]`, terms);
    // the gradient (softmax(z)·Σy − y)·g: the row's total error relative to the row's Σ|softmax·Σy| + Σ|y|
    const grad = (t: bp.Tensor): bp.Tensor => P.softmaxCrossEntropyGrad([t, yOf(t), bp.ones([2], t.dtype)], {});
    const want = on("js", z, rows, grad, "float64");
    const got = on(name, z, rows, grad);
    const err = [0, 0];
    const scale = [0, 0];
    const half = n / 2;
    for (let k = 0; k < n; k++) {
      const r = k < half ? 0 : 1;
      err[r]! += Math.abs((got[k] as number) - (want[k] as number));
      scale[r]! += Math.abs((want[k] as number) + (y[k] as number)) + (y[k] as number);
    }
    within(Float64Array.from(err), new Float64Array(2), Float64Array.from(scale), `cross-entropy gradient [2, ${half}]`);
  }, 60_000);
});


describe.each(["js", ...WASM.map((v) => v.name)])("exact log-softmax on %s", (name) => {
  test("log-softmax and softmax are exact at equal large logits and at ±1e30", () => {
    bp.setBackend(name);
    const ln2 = Math.fround(-Math.LN2);
    for (const v of [1e4, 1e5, 3e7, 1e30, -1e30, -1e4]) {
      expect(Array.from(bp.tensor([v, v]).softmax().dataSync()), `softmax [${v}, ${v}]`).toEqual([0.5, 0.5]);
      expect(Array.from(bp.logSoftmax(bp.tensor([v, v])).dataSync()), `logSoftmax [${v}, ${v}]`).toEqual([ln2, ln2]);
      const xent = P.softmaxCrossEntropy([bp.tensor([[v, v]]), bp.tensor([[1, 0]])], {});
      expect(Array.from(xent.dataSync()), `cross-entropy [${v}, ${v}]`).toEqual([-ln2]);
      const grad = P.softmaxCrossEntropyGrad([bp.tensor([[v, v]]), bp.tensor([[1, 0]]), bp.tensor([1])], {});
      expect(Array.from(grad.dataSync()), `cross-entropy gradient [${v}, ${v}]`).toEqual([-0.5, 0.5]);
    }
    expect(Array.from(bp.tensor([1e30, -1e30]).softmax().dataSync())).toEqual([1, 0]);
    expect(Array.from(bp.logSoftmax(bp.tensor([1e30, -1e30])).dataSync())).toEqual([0, Math.fround(-2e30)]);
    expect(Array.from(bp.logSoftmax(bp.tensor([1e30, 1e30, 1e30])).dataSync())).toEqual(new Array(3).fill(Math.fround(-Math.log(3))));
    const wide = bp.tensor(new Float32Array(1000).fill(1e5)).softmax().dataSync();
    for (const p of wide) expect(Math.abs(p - 1e-3), "softmax of 1000 logits of 1e5").toBeLessThan(1e-9);
  });
});

describe.each(["js", ...WASM.map((v) => v.name)])("scatter-add accuracy on %s", (name) => {
  test.each([1e4, 1e6])("%d rows added into 3, float32 within 1e-6 of float64 relative to Σ|x|", (n) => {
    const idx = Int32Array.from({ length: n / 2 }, (_, j) => (j % 7 === 0 ? 2 : j % 3 === 0 ? 0 : 1));
    const into = (t: bp.Tensor): bp.Tensor => bp.scatterAdd(t, bp.tensor(idx, [n / 2], "int32"), 0, [3, 2]);
    for (const fill of ["const1.1", "normal"] as const) check(name, data(n, fill), [n / 2, 2], into, `scatterAdd ${fill} [${n / 2}, 2] into [3, 2]`);
    const wide = data(n, "uniform", 17);
    check(name, wide, [n / 20, 20], (t) => bp.scatterAdd(t, bp.tensor(idx.subarray(0, n / 20), [n / 20], "int32"), 0, [3, 20]), `scatterAdd [${n / 20}, 20] into [3, 20]`);
  }, 60_000);
});

test("sums and log-softmax are bit-identical on one thread and on two (parts are fixed by the shape)", async () => {
  for (const v of WASM) await threadsReady(v.name);
  const x = data(1e6, "normal", 21);
  const cases: [number[], (t: bp.Tensor) => bp.Tensor][] = [
    [[1e6], (t) => t.sum()],
    [[5e5, 2], (t) => t.sum(0)],
    [[1e4, 100], (t) => t.sum(0)],
    [[1e3, 1e3], (t) => t.sum(1)],
    [[10, 1e4, 10], (t) => t.sum([0, 2])],
    [[1e3, 1e3], (t) => bp.logSoftmax(t)],
  ];
  for (const [shape, f] of cases) {
    const [one, two] = WASM.map((v) => on(v.name, x, shape, f)) as [Float64Array, Float64Array];
    const differs = one.findIndex((a, k) => !Object.is(a, two[k]));
    expect(differs, `${f.toString()} of [${shape.join(", ")}]: first element that differs`).toBe(-1);
  }
}, 60_000);
