/**
 * The exponentials of the log-softmax and cross-entropy rows (four lanes at a time on the wasm
 * backend): within a few float32 ulps of float64 across the whole range of e^x, subnormal results
 * included; at ±1e30, ±∞ and NaN the same values as the js backend; and exact on rows of 1e5 equal
 * logits. Rows of five logits put terms both in the four-lane body and in the tail. The element-wise
 * exp takes the same four-lane exponential, for every element (tails of shares included).
 */
import { beforeAll, describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import * as P from "../../src/autograd/primitives/index.js";
import { createWasmBackend } from "../../src/backend/wasm/index.js";
import { threadsReady } from "./helpers.js";

const WASM = [
  { name: "wasm-exp-1", threads: 1, build: "relaxed" as const },
  { name: "wasm-exp-2", threads: 2, build: "plain" as const },
];
for (const v of WASM) {
  bp.registerBackend(
    v.name,
    () =>
      createWasmBackend({
        threads: v.threads,
        build: v.build,
        parallelThreshold: v.threads > 1 ? 0 : undefined,
      }),
    -1,
  );
}

/** Rows [0, x, x, x, x] for x from −104 to 0 in steps of 1/64 (e^x from below the subnormals up to 1). */
const XS = Float32Array.from({ length: 104 * 64 + 1 }, (_, i) => -104 + i / 64);
const ROWS = XS.length;
const Z = new Float32Array(ROWS * 5);
XS.forEach((x, r) => Z.fill(x, r * 5 + 1, r * 5 + 5));
const Y = new Float32Array(ROWS * 5).map((_, k) => (k % 5 === 0 ? 1 : 0));

function values(backend: string, f: () => bp.Tensor): Float32Array {
  bp.setBackend(backend);
  return bp.tidy(() => f().dataSync() as Float32Array);
}

const grad = (z: Float32Array, y: Float32Array, rows: number, n: number): bp.Tensor =>
  P.softmaxCrossEntropyGrad([bp.tensor(z, [rows, n]), bp.tensor(y, [rows, n]), bp.ones([rows])], {});

describe.each(WASM)("softmax rows' exponentials on $name", ({ name }) => {
  beforeAll(() => threadsReady(name));

  test("the gradient e^x / (1 + 4e^x) is within 3 ulps of float64 from e^−104 to 1", () => {
    const got = values(name, () => grad(Z, Y, ROWS, 5));
    let worst = 0;
    let at = 0;
    for (let r = 0; r < ROWS; r++) {
      const e = Math.exp(XS[r] as number);
      const want = e / (1 + 4 * e);
      for (let q = 1; q < 5; q++) {
        // relative to the value, but no finer than the smallest subnormal
        const err = Math.abs((got[r * 5 + q] as number) - want) / Math.max(want, 2 ** -126);
        if (!(err <= worst)) [worst, at] = [err, r];
      }
    }
    expect(worst, `x = ${XS[at]}`).toBeLessThan(3 * 2 ** -23);
  });

  test("log-softmax and cross-entropy of the same rows are within 2e-7 of float64", () => {
    const lsm = values(name, () => bp.logSoftmax(bp.tensor(Z, [ROWS, 5])));
    const xent = values(name, () =>
      P.softmaxCrossEntropy([bp.tensor(Z, [ROWS, 5]), bp.tensor(Y, [ROWS, 5])], {}),
    );
    for (let r = 0; r < ROWS; r++) {
      const x = XS[r] as number;
      const lse = Math.log1p(4 * Math.exp(x));
      const near = (got: number, want: number, what: string): void => {
        expect(Math.abs(got - want), `${what} at x = ${x}`).toBeLessThanOrEqual(
          2e-7 * Math.max(1, Math.abs(want)),
        );
      };
      near(lsm[r * 5] as number, -lse, "log-softmax of the 0");
      near(lsm[r * 5 + 4] as number, x - lse, "log-softmax of x");
      near(xent[r] as number, lse, "cross-entropy");
    }
  });

  test("element-wise exp: within 2 ulps of float64 from e^−104 to e^88, the js backend's values at the edges, the same value wherever an element sits", () => {
    const xs = Float32Array.from({ length: 192 * 64 + 3 }, (_, i) => -104 + i / 64);
    const got = values(name, () => bp.exp(bp.tensor(xs)));
    let worst = 0;
    let at = 0;
    xs.forEach((x, i) => {
      const want = Math.exp(x);
      const err = Math.abs((got[i] as number) - want) / Math.max(want, 2 ** -126);
      if (!(err <= worst)) [worst, at] = [err, i];
    });
    expect(worst, `x = ${xs[at]}`).toBeLessThan(2 * 2 ** -23);
    const edges = Float32Array.from([0, -0, 89, 88.7, -104, -110, Infinity, -Infinity, NaN, 1e30, -1e30]);
    const js = values("js", () => bp.exp(bp.tensor(edges)));
    const wasm = values(name, () => bp.exp(bp.tensor(edges)));
    js.forEach((w, k) => {
      const g = wasm[k] as number;
      if (!Number.isFinite(w) || w === 0 || w === 1) expect(g, `exp(${edges[k]})`).toBe(w);
      else expect(Math.abs(g - w), `exp(${edges[k]})`).toBeLessThanOrEqual(Math.max(2e-7 * w, 2 ** -149));
    });
    // 4,099 equal elements: the four-lane body and the last three of each share give one value
    const same = values(name, () => bp.exp(bp.full([4099], 0.3)));
    expect(new Set(same)).toEqual(new Set([same[0]]));
  });

  test("±1e30, ±∞ and NaN give the js backend's values", () => {
    const special = [
      [1e30, -1e30, 0, 1, -Infinity],
      [-Infinity, -Infinity, -Infinity, -Infinity, -Infinity],
      [NaN, 0, 1, 2, 3],
      [0, 1, 2, 3, NaN],
      [Infinity, 0, 1, 2, 3],
      [Infinity, Infinity, 0, 0, 0],
      [-Infinity, 0, 0, 0, 0],
      [88, 0, -88, 0, 0],
      [-1e30, -1e30, -1e30, -1e30, -1e30],
      [1e30, 1e30, 1e30, 1e30, 1e30],
      [-104, -200, 0, -87.5, -1e30],
    ].flat();
    const rows = special.length / 5;
    const z = Float32Array.from(special);
    const y = Float32Array.from({ length: special.length }, (_, k) =>
      k % 5 === 1 ? 1 : k % 5 === 2 ? 0.5 : 0,
    );
    const cases: [string, () => bp.Tensor][] = [
      ["log-softmax", () => bp.logSoftmax(bp.tensor(z, [rows, 5]))],
      ["cross-entropy", () => P.softmaxCrossEntropy([bp.tensor(z, [rows, 5]), bp.tensor(y, [rows, 5])], {})],
      ["cross-entropy gradient", () => grad(z, y, rows, 5)],
    ];
    for (const [what, f] of cases) {
      const want = values("js", f);
      const got = values(name, f);
      want.forEach((w, k) => {
        const g = got[k] as number;
        if (!Number.isFinite(w) || w === 0) expect(g, `${what}, element ${k}`).toBe(w);
        // float32 rounding, or one step of the subnormals (js rounds e^x·scale once, in float64)
        else
          expect(Math.abs(g - w), `${what}, element ${k}: ${g} vs ${w}`).toBeLessThanOrEqual(
            Math.max(2e-7 * Math.abs(w), 2 ** -149),
          );
      });
    }
  });

  test("rows of 1e5 equal logits: log-softmax is −log 1e5 and the cross-entropy log 1e5, to the ulp", () => {
    const n = 1e5;
    const lnN = Math.fround(Math.log(n));
    const oneHot = new Float32Array(2 * n);
    oneHot[7] = 1;
    oneHot[n + 99_999] = 1;
    for (const v of [0, -3, 1e5, 1e30, -1e30]) {
      const z = new Float32Array(2 * n).fill(v);
      const lsm = values(name, () => bp.logSoftmax(bp.tensor(z, [2, n])));
      expect(new Set(lsm), `log-softmax of ${v}s`).toEqual(new Set([-lnN]));
      const xent = values(name, () =>
        P.softmaxCrossEntropy([bp.tensor(z, [2, n]), bp.tensor(oneHot, [2, n])], {}),
      );
      expect(Array.from(xent), `cross-entropy of ${v}s`).toEqual([lnN, lnN]);
      const g = values(name, () => grad(z, oneHot, 2, n));
      const p = Math.fround(1 / n);
      for (let k = 0; k < 2 * n; k++) {
        const want = k === 7 || k === n + 99_999 ? p - 1 : p;
        if (Math.abs((g[k] as number) - want) > 2 ** -24 * Math.abs(want))
          expect(g[k], `gradient of ${v}s, element ${k}`).toBe(want);
      }
    }
  });
});
