/**
 * Matrix multiply for the js backend: C[M,N] (+)= op(A) · op(B), where op transposes when asked.
 *
 * The classic blocked algorithm (Goto / BLIS) scaled down to plain JavaScript:
 *   - blocks of KC rows of op(B) and KC columns of op(A) are packed into Float64Array panels,
 *     NR columns (resp. MR rows) interleaved, so the inner loop reads both with unit stride and
 *     the packed blocks stay in cache; transposed operands cost nothing extra (packing reads them
 *     in whatever order they are stored), and the inner loop sees one array type whatever the dtype;
 *   - a 4×4 micro-kernel keeps 16 sums of C in local variables (registers) over the KC-long panel
 *     pair, so each loaded value is used four times instead of once.
 * Sums run in float64, then round once when stored into C.
 */
import type { TypedArray } from "../dtype.js";

const MR = 4;
const NR = 4;
/** Depth of a packed block: an MR×KC panel of A and a KC×NR panel of B together fit in L1. */
const KC = 256;
/** Rows of op(A) per packed block (MC×KC doubles = 128 KiB, for L2). */
const MC = 64;
/** Columns of op(B) per packed block (KC×NC doubles = 1 MiB, for L2). */
const NC = 512;

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

// Packing buffers, allocated on first use and reused (gemm is not re-entrant, and JS is single-threaded).
let packedA = new Float64Array(0);
let packedB = new Float64Array(0);
/** The sums of an edge block, before the rows and columns outside C are dropped. */
const edge = new Float64Array(MR * NR);

/**
 * Packs rows [i0, i0 + mc) and depth [k0, k0 + kc) of op(A) into MR-row panels:
 * panel p holds, for each depth kk, the MR values of rows p·MR … p·MR + MR - 1 (zero past the edge).
 */
function packA(p: GemmArgs, i0: number, mc: number, k0: number, kc: number): void {
  const { a, aOffset, m, k } = p;
  const panels = Math.ceil(mc / MR);
  let dst = 0;
  for (let q = 0; q < panels; q++) {
    const rows = Math.min(MR, mc - q * MR);
    const iBase = i0 + q * MR;
    for (let kk = 0; kk < kc; kk++) {
      const kIdx = k0 + kk;
      for (let r = 0; r < MR; r++) {
        // op(A)[i, kIdx] is a[i·k + kIdx] when stored [m, k], or a[kIdx·m + i] when stored [k, m]
        packedA[dst++] = r < rows ? (p.transposeA ? a[aOffset + kIdx * m + iBase + r]! : a[aOffset + (iBase + r) * k + kIdx]!) : 0;
      }
    }
  }
}

/** Packs depth [k0, k0 + kc) and columns [j0, j0 + nc) of op(B) into NR-column panels. */
function packB(p: GemmArgs, k0: number, kc: number, j0: number, nc: number): void {
  const { b, bOffset, n, k } = p;
  const panels = Math.ceil(nc / NR);
  let dst = 0;
  for (let q = 0; q < panels; q++) {
    const cols = Math.min(NR, nc - q * NR);
    const jBase = j0 + q * NR;
    for (let kk = 0; kk < kc; kk++) {
      const kIdx = k0 + kk;
      for (let c = 0; c < NR; c++) {
        // op(B)[kIdx, j] is b[kIdx·n + j] when stored [k, n], or b[j·k + kIdx] when stored [n, k]
        packedB[dst++] = c < cols ? (p.transposeB ? b[bOffset + (jBase + c) * k + kIdx]! : b[bOffset + kIdx * n + jBase + c]!) : 0;
      }
    }
  }
}

/** C[rows × cols block at (ci, cj)] += (A panel) · (B panel) over kc, with 16 register sums. */
function microKernel(ap: Float64Array, ai: number, bp: Float64Array, bi: number, kc: number, c: TypedArray, cIdx: number, ldc: number, rows: number, cols: number): void {
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
  let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
  let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  for (let kk = 0; kk < kc; kk++, ai += MR, bi += NR) {
    const a0 = ap[ai]!, a1 = ap[ai + 1]!, a2 = ap[ai + 2]!, a3 = ap[ai + 3]!;
    const b0 = bp[bi]!, b1 = bp[bi + 1]!, b2 = bp[bi + 2]!, b3 = bp[bi + 3]!;
    c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
    c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
    c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
    c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
  }
  if (rows === MR && cols === NR) {
    let r = cIdx;
    c[r] = c[r]! + c00; c[r + 1] = c[r + 1]! + c01; c[r + 2] = c[r + 2]! + c02; c[r + 3] = c[r + 3]! + c03;
    r += ldc;
    c[r] = c[r]! + c10; c[r + 1] = c[r + 1]! + c11; c[r + 2] = c[r + 2]! + c12; c[r + 3] = c[r + 3]! + c13;
    r += ldc;
    c[r] = c[r]! + c20; c[r + 1] = c[r + 1]! + c21; c[r + 2] = c[r + 2]! + c22; c[r + 3] = c[r + 3]! + c23;
    r += ldc;
    c[r] = c[r]! + c30; c[r + 1] = c[r + 1]! + c31; c[r + 2] = c[r + 2]! + c32; c[r + 3] = c[r + 3]! + c33;
    return;
  }
  // an edge block: store only the rows and columns inside C
  edge[0] = c00; edge[1] = c01; edge[2] = c02; edge[3] = c03;
  edge[4] = c10; edge[5] = c11; edge[6] = c12; edge[7] = c13;
  edge[8] = c20; edge[9] = c21; edge[10] = c22; edge[11] = c23;
  edge[12] = c30; edge[13] = c31; edge[14] = c32; edge[15] = c33;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) c[cIdx + i * ldc + j] = c[cIdx + i * ldc + j]! + edge[i * NR + j]!;
  }
}

/** Matrix-vector product (N = 1): one dot product per row of op(A). */
function gemv(p: GemmArgs): void {
  const { m, k, a, aOffset, b, bOffset, c, cOffset } = p;
  for (let i = 0; i < m; i++) {
    let s = 0;
    if (p.transposeA) for (let kk = 0; kk < k; kk++) s += a[aOffset + kk * m + i]! * b[bOffset + kk]!;
    else for (let kk = 0, ar = aOffset + i * k; kk < k; kk++) s += a[ar + kk]! * b[bOffset + kk]!;
    c[cOffset + i] = c[cOffset + i]! + s;
  }
}

export function gemm(p: GemmArgs): void {
  const { m, n, k, c, cOffset } = p;
  if (!p.accumulate) c.fill(0, cOffset, cOffset + m * n);
  if (m === 0 || n === 0 || k === 0) return;
  if (n === 1) return gemv(p);
  if (packedA.length === 0) {
    packedA = new Float64Array(MC * KC);
    packedB = new Float64Array(KC * NC);
  }
  for (let j0 = 0; j0 < n; j0 += NC) {
    const nc = Math.min(NC, n - j0);
    for (let k0 = 0; k0 < k; k0 += KC) {
      const kc = Math.min(KC, k - k0);
      packB(p, k0, kc, j0, nc);
      for (let i0 = 0; i0 < m; i0 += MC) {
        const mc = Math.min(MC, m - i0);
        packA(p, i0, mc, k0, kc);
        for (let jq = 0; jq < nc; jq += NR) {
          const cols = Math.min(NR, nc - jq);
          const bi = (jq / NR) * kc * NR;
          for (let iq = 0; iq < mc; iq += MR) {
            const rows = Math.min(MR, mc - iq);
            microKernel(packedA, (iq / MR) * kc * MR, packedB, bi, kc, c, cOffset + (i0 + iq) * n + j0 + jq, n, rows, cols);
          }
        }
      }
    }
  }
}
