/**
 * Matrix multiply for the js backend: C[M,N] (+)= op(A) · op(B), where op transposes when asked.
 * Transposed operands are first copied into row-major panels, then an i-k-j loop blocked for cache
 * runs over contiguous rows: the inner loop is a unit-stride axpy that V8 compiles tightly.
 */
import type { TypedArray } from "../dtype.js";

const BLOCK_I = 64;
const BLOCK_K = 256;
const BLOCK_J = 1024;

export interface GemmArgs {
  m: number;
  n: number;
  k: number;
  a: TypedArray;
  aOffset: number;
  transposeA: boolean;
  b: TypedArray;
  bOffset: number;
  transposeB: boolean;
  c: TypedArray;
  cOffset: number;
  /** Add into C instead of overwriting it. */
  accumulate: boolean;
}

/** Copies an op(X) operand into a fresh row-major [rows, cols] array. */
function rowMajor(x: TypedArray, offset: number, rows: number, cols: number, transposed: boolean): TypedArray {
  const out = new (x.constructor as new (n: number) => TypedArray)(rows * cols);
  if (!transposed) {
    out.set(x.subarray(offset, offset + rows * cols));
    return out;
  }
  // x is stored [cols, rows]
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[r * cols + c] = x[offset + c * rows + r] ?? 0;
  return out;
}

export function gemm(p: GemmArgs): void {
  const { m, n, k, c, cOffset } = p;
  if (!p.accumulate) c.fill(0, cOffset, cOffset + m * n);
  if (m === 0 || n === 0 || k === 0) return;
  const a = p.transposeA ? rowMajor(p.a, p.aOffset, m, k, true) : p.a;
  const aOff = p.transposeA ? 0 : p.aOffset;
  const b = p.transposeB ? rowMajor(p.b, p.bOffset, k, n, true) : p.b;
  const bOff = p.transposeB ? 0 : p.bOffset;
  // With a wide-enough N the axpy form wins; for N = 1 use dot products.
  if (n === 1) {
    for (let i = 0; i < m; i++) {
      let s = 0;
      const ar = aOff + i * k;
      for (let kk = 0; kk < k; kk++) s += (a[ar + kk] as number) * (b[bOff + kk] as number);
      c[cOffset + i] = (c[cOffset + i] as number) + s;
    }
    return;
  }
  for (let j0 = 0; j0 < n; j0 += BLOCK_J) {
    const j1 = Math.min(n, j0 + BLOCK_J);
    for (let k0 = 0; k0 < k; k0 += BLOCK_K) {
      const k1 = Math.min(k, k0 + BLOCK_K);
      for (let i0 = 0; i0 < m; i0 += BLOCK_I) {
        const i1 = Math.min(m, i0 + BLOCK_I);
        for (let i = i0; i < i1; i++) {
          const cr = cOffset + i * n;
          const ar = aOff + i * k;
          for (let kk = k0; kk < k1; kk++) {
            const aik = a[ar + kk] as number;
            const br = bOff + kk * n;
            for (let j = j0; j < j1; j++) c[cr + j] = (c[cr + j] as number) + aik * (b[br + j] as number);
          }
        }
      }
    }
  }
}
