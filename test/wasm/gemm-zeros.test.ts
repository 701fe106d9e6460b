/**
 * The wasm GEMM leaves out the k steps at which a 4-row panel of A is all zeros (most of an MNIST
 * batch). That must not change a bit: a row computed in a compacted panel equals the same row computed
 * in a dense one, ∞ and NaN in B still reach C through the zeros of A (0·∞ is NaN), and transposed
 * operands, several K blocks and split shares sum exactly what a dense pass sums.
 */
import { beforeAll, describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { createWasmBackend } from "../../src/backend/wasm/index.js";
import { Rng } from "../../src/index.js";
import { threadsReady } from "./helpers.js";

const SPLIT = "wasm-zeros-split";
const ONE = "wasm-zeros-one";

beforeAll(async () => {
  bp.registerBackend(ONE, () => createWasmBackend({ threads: 1 }), -1);
  bp.registerBackend(SPLIT, () => createWasmBackend({ threads: 2, parallelThreshold: 0 }), -1);
  await threadsReady(SPLIT);
});

/** m×k values: each is nonzero with probability `density` (a uniform in [−1, 1) otherwise 0). */
function sparse(m: number, k: number, density: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  return new Float32Array(m * k).map(() => (rng.uniform() < density ? rng.uniform() * 2 - 1 : 0));
}

function dense(m: number, k: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  return new Float32Array(m * k).map(() => rng.uniform() * 2 - 1 + 1e-3);
}

function product(
  backend: string,
  a: Float32Array,
  aShape: number[],
  b: Float32Array,
  bShape: number[],
  ta = false,
): Float32Array {
  bp.setBackend(backend);
  return bp.tidy(() => bp.matmul(bp.tensor(a, aShape), bp.tensor(b, bShape), ta).dataSync() as Float32Array);
}

function bitsEqual(x: Float32Array, y: Float32Array): boolean {
  return x.length === y.length && x.every((v, i) => Object.is(v, y[i]));
}

/** Rows [r·n, (r+1)·n) of a row-major m×n result. */
const row = (c: Float32Array, r: number, n: number): Float32Array => c.subarray(r * n, (r + 1) * n);

describe("wasm GEMM zero-skipping", () => {
  for (const [k, backend, n] of [
    [784, ONE, 128],
    [2500, ONE, 100],
    [784, SPLIT, 100],
    [2500, SPLIT, 128],
  ] as const) {
    test(`a row in a compacted panel has the bits it has in a dense panel (k = ${k}, n = ${n}, ${backend})`, () => {
      // panel 0 (rows 0-3) is 10 % nonzero and gets compacted; panel 1 holds row 0 again beside three
      // dense rows, so it is computed without skipping
      const top = sparse(4, k, 0.1, 1);
      const a = new Float32Array(8 * k);
      a.set(top, 0);
      a.set(top.subarray(0, k), 4 * k);
      a.set(dense(3, k, 2), 5 * k);
      const b = dense(k, n, 3);
      const c = product(backend, a, [8, k], b, [k, n]);
      expect(bitsEqual(row(c, 0, n), row(c, 4, n))).toBe(true);
      // and the panel order does not matter: the dense panel first, the sparse one second
      const swapped = new Float32Array(8 * k);
      swapped.set(a.subarray(4 * k), 0);
      swapped.set(top, 4 * k);
      const c2 = product(backend, swapped, [8, k], b, [k, n]);
      expect(bitsEqual(row(c2, 4, n), row(c, 0, n))).toBe(true);
    });
  }

  test("a transposed A (the weight gradient's Xᵀ) compacts its 4-row panels with a dense panel's bits", () => {
    for (const backend of [ONE, SPLIT]) {
      const [k, n] = [64, 128];
      // op(A) = Aᵀ: A is k×8, op(A) rows are A's columns; rows 0-3 sparse, row 4 = row 0, rows 5-7 dense
      const rows = [
        ...Array.from({ length: 4 }, (_, r) => sparse(1, k, 0.15, 20 + r)),
        null,
        ...Array.from({ length: 3 }, (_, r) => dense(1, k, 30 + r)),
      ];
      rows[4] = rows[0]!;
      const a = new Float32Array(k * 8);
      rows.forEach((rw, r) => rw!.forEach((v, p) => (a[p * 8 + r] = v)));
      const c = product(backend, a, [k, 8], dense(k, n, 9), [k, n], true);
      expect(bitsEqual(row(c, 0, n), row(c, 4, n))).toBe(true);
    }
  });

  test("∞ and NaN in B reach C through the zeros of A, as in the js backend", () => {
    const [m, k, n] = [64, 300, 96];
    const a = sparse(m, k, 0.05, 4);
    for (let i = 0; i < m; i++) a[i * k + 7] = 0; // column 7 of A is all zeros
    const b = dense(k, n, 5);
    b[7 * n + 3] = Infinity;
    b[7 * n + 50] = NaN;
    const got = product(ONE, a, [m, k], b, [k, n]);
    const want = product("js", a, [m, k], b, [k, n]);
    for (let i = 0; i < m; i++) {
      expect(Number.isNaN(got[i * n + 3])).toBe(true);
      expect(Number.isNaN(got[i * n + 50])).toBe(true);
    }
    expect(got.map((v) => (Number.isNaN(v) ? 1 : 0))).toEqual(want.map((v) => (Number.isNaN(v) ? 1 : 0)));
  });

  test("exact sums: sparse, transposed and blocked products equal the float64 reference", () => {
    // small integers keep every partial sum exact, so any skipped or misplaced step shows
    const rng = new Rng(6);
    for (const [m, k, n, ta] of [
      [64, 784, 128, false],
      [784, 64, 128, true],
      [37, 2100, 45, false],
      [130, 1500, 64, true],
    ] as const) {
      const a = new Float32Array(m * k).map(() =>
        rng.uniform() < 0.2 ? Math.floor(rng.uniform() * 9) - 4 : 0,
      );
      const b = new Float32Array(k * n).map(() => Math.floor(rng.uniform() * 9) - 4);
      const at = (i: number, p: number): number => (ta ? a[p * m + i]! : a[i * k + p]!);
      const want = new Float32Array(m * n);
      for (let i = 0; i < m; i++)
        for (let j = 0; j < n; j++) {
          let s = 0;
          for (let p = 0; p < k; p++) s += at(i, p) * b[p * n + j]!;
          want[i * n + j] = s;
        }
      const shape = ta ? [k, m] : [m, k];
      expect(product(ONE, a, shape, b, [k, n], ta)).toEqual(want);
      expect(product(SPLIT, a, shape, b, [k, n], ta)).toEqual(want);
    }
  });
});
