/**
 * Single-precision matrix multiply, Goto style: C[M,N] = op(A)[M,K] · op(B)[K,N].
 *
 * Operands are addressed by row and column strides (in elements), so a transposed operand is just
 * another pair of strides: op(A)[i,p] = A[i·rsA + p·csA]. Blocks of op(B) (KC × NC) and op(A)
 * (MC × KC) are packed into contiguous micro-panels — 8 columns and 4 rows wide — and a 4×8
 * register-blocked micro-kernel (8 accumulators of f32x4) sweeps them. Packing is where transposed
 * operands are absorbed, so the backward pass of matmul needs no explicit transpose.
 *
 * The 4×8 shape measured fastest on V8 (x64): TurboFan issues every load of the loop body before
 * its multiply-adds, so the loaded vectors and the accumulators must fit together in the 15
 * allocatable xmm registers (4 broadcasts + 2 B vectors + 8 accumulators); 5×8, 6×8, 3×12, 2×16,
 * k-unrolled 4×8 and A splats by shuffle all measured slower (spills, or shuffles taking FMA ports).
 *
 * K is cut into near-equal blocks of at most KC steps; each element of C is the running sum of its
 * blocks' micro-kernel results in K order. KC is large so that C is loaded and stored few times and
 * the products of the MLP layers (K = 784) take one block.
 *
 * Work is split between threads by `share` (see gemm): over rows of C, over columns, or over K
 * into per-share partial products that gemmReduce sums in a fixed order. Every element of C is
 * computed by the same sequence of operations whichever thread runs it, so results do not depend
 * on which executor ran a share.
 */
import { allFinite, compactPanel, kernel1x24, kernel1x8, kernel2x16, kernel4x8Body, kernel4x8Listed, listPair, listRow } from "./gemm-zeros";
import { shareStart, storeTransposed4 } from "./simd";

export const MR: i32 = 4;
export const NR: i32 = 8;
const KC: i32 = 1024;
const MC: i32 = 64;
const NC: i32 = 512;
/** Bytes of the k-step lists of one packed A block (one list per 4-row panel), and of their lengths. */
const IDX_BYTES: i32 = (MC / MR) * KC * 4;
const KEPT_BYTES: i32 = (MC / MR) * 4;
/** Bytes of a pair of rows' list of values and their k (the row kernels' input). */
const ROW_BYTES: i32 = KC * 12;
/** Narrower blocks of C are not worth compacting A for (the scan costs as much as it saves). */
const COMPACT_MIN_NC: i32 = 32;

/** Bytes of scratch one executor needs: packed A block, packed B block, an edge tile and the k-step lists. */
export function gemmScratchBytes(): i32 {
  return (MC * KC + KC * NC + MR * NR) * 4 + IDX_BYTES + KEPT_BYTES + ROW_BYTES + 64;
}

/** Packs rows [0, mc) × cols [0, kc) of op(A) at `a` into 4-row micro-panels at `ap` (zero-padded). */
function packA(a: usize, rsA: i32, csA: i32, mc: i32, kc: i32, ap: usize): void {
  for (let ir = 0; ir < mc; ir += MR) {
    const rows = min(MR, mc - ir);
    const dst = ap + <usize>(ir * kc) * 4;
    const src = a + <usize>(ir * rsA) * 4;
    if (rows == MR && csA == 1) {
      const ld = <usize>rsA * 4;
      let p = 0;
      for (; p + 4 <= kc; p += 4) {
        const s = src + <usize>p * 4;
        storeTransposed4(dst + <usize>p * 16, 16, v128.load(s), v128.load(s + ld), v128.load(s + 2 * ld), v128.load(s + 3 * ld));
      }
      for (; p < kc; p++) {
        const s = src + <usize>p * 4;
        const d = dst + <usize>p * 16;
        store<f32>(d, load<f32>(s));
        store<f32>(d, load<f32>(s + ld), 4);
        store<f32>(d, load<f32>(s + 2 * ld), 8);
        store<f32>(d, load<f32>(s + 3 * ld), 12);
      }
    } else if (rows == MR && rsA == 1) {
      const ld = <usize>csA * 4;
      for (let p = 0; p < kc; p++) v128.store(dst + <usize>p * 16, v128.load(src + <usize>p * ld));
    } else {
      for (let p = 0; p < kc; p++) {
        const d = dst + <usize>p * 16;
        const s = src + <usize>(p * csA) * 4;
        for (let r = 0; r < MR; r++) {
          store<f32>(d + <usize>r * 4, r < rows ? load<f32>(s + <usize>(r * rsA) * 4) : 0);
        }
      }
    }
  }
}

/** Packs rows [0, kc) × cols [0, nc) of op(B) at `b` into 8-column micro-panels at `bp` (zero-padded). */
function packB(b: usize, rsB: i32, csB: i32, kc: i32, nc: i32, bp: usize): void {
  for (let jr = 0; jr < nc; jr += NR) {
    const cols = min(NR, nc - jr);
    const dst = bp + <usize>(jr * kc) * 4;
    const src = b + <usize>(jr * csB) * 4;
    if (cols == NR && csB == 1) {
      const ld = <usize>rsB * 4;
      for (let p = 0; p < kc; p++) {
        const s = src + <usize>p * ld;
        const d = dst + <usize>p * 32;
        v128.store(d, v128.load(s));
        v128.store(d, v128.load(s, 16), 16);
      }
    } else if (cols == NR && rsB == 1) {
      const ld = <usize>csB * 4;
      let p = 0;
      for (; p + 4 <= kc; p += 4) {
        const s = src + <usize>p * 4;
        const d = dst + <usize>p * 32;
        storeTransposed4(d, 32, v128.load(s), v128.load(s + ld), v128.load(s + 2 * ld), v128.load(s + 3 * ld));
        const s4 = s + 4 * ld;
        storeTransposed4(d + 16, 32, v128.load(s4), v128.load(s4 + ld), v128.load(s4 + 2 * ld), v128.load(s4 + 3 * ld));
      }
      for (; p < kc; p++) {
        const d = dst + <usize>p * 32;
        for (let c = 0; c < NR; c++) store<f32>(d + <usize>c * 4, load<f32>(src + <usize>(c * csB + p) * 4));
      }
    } else {
      for (let p = 0; p < kc; p++) {
        const d = dst + <usize>p * 32;
        const s = src + <usize>(p * rsB) * 4;
        for (let c = 0; c < NR; c++) {
          store<f32>(d + <usize>c * 4, c < cols ? load<f32>(s + <usize>(c * csB) * 4) : 0);
        }
      }
    }
  }
}

/** C[4×8] (=|+=) Apanel · Bpanel over kc steps; C rows are ldc elements apart. */
function kernel4x8(ap: usize, bp: usize, kc: i32, c: usize, ldc: i32, first: bool): void {
  kernel4x8Body(ap, 0, bp, kc, c, ldc, first, false);
}

/** One 4×8 tile from a panel that is dense (kept == kc) or compacted (kept < kc, k steps listed at idx). */
// @ts-ignore: decorator
@inline function tile4x8(ap: usize, idx: usize, kept: i32, bp: usize, kc: i32, c: usize, ldc: i32, first: bool): void {
  if (kept < kc) kernel4x8Listed(ap, idx, bp, kept, c, ldc, first);
  else kernel4x8(ap, bp, kc, c, ldc, first);
}

/** One row of C over nc columns of packed B from the row's nonzero list: 24 columns at a time, then 8. */
function rowFromList(vals: usize, ks: usize, n: i32, bp: usize, kc: i32, nc: i32, crow: usize, first: bool, tile: usize): void {
  let jr = 0;
  for (; jr + 24 <= nc; jr += 24) kernel1x24(vals, ks, n, bp + <usize>(jr * kc) * 4, kc, crow + <usize>jr * 4, first);
  for (; jr < nc; jr += NR) {
    kernel1x8(vals, ks, n, bp + <usize>(jr * kc) * 4, tile);
    const cols = min(NR, nc - jr);
    for (let q = 0; q < cols; q++) {
      const dst = crow + <usize>(jr + q) * 4;
      const v = load<f32>(tile + <usize>q * 4);
      store<f32>(dst, first ? v : load<f32>(dst) + v);
    }
  }
}

/** C[i0:i1, j0:j1] = Σ_{p in [k0,k1)} op(A)[i,p]·op(B)[p,j], blocked and packed. */
function gemmBlock(
  i0: i32, i1: i32, j0: i32, j1: i32, k0: i32, k1: i32,
  a: usize, rsA: i32, csA: i32, b: usize, rsB: i32, csB: i32, c: usize, ldc: i32, scratch: usize,
): void {
  if (i1 <= i0 || j1 <= j0) return;
  if (k1 <= k0) {
    for (let i = i0; i < i1; i++) memory.fill(c + <usize>(i * ldc + j0) * 4, 0, <usize>(j1 - j0) * 4);
    return;
  }
  const ap = (scratch + 15) & ~15;
  const bp = ap + <usize>(MC * KC) * 4;
  const tile = bp + <usize>(KC * NC) * 4;
  const idx = tile + <usize>(MR * NR) * 4;
  const kept = idx + <usize>IDX_BYTES;
  const blocks = (k1 - k0 + KC - 1) / KC;
  const kb = ((k1 - k0 + blocks - 1) / blocks + 7) & ~7;
  for (let jc = j0; jc < j1; jc += NC) {
    const nc = min(NC, j1 - jc);
    for (let pc = k0; pc < k1; pc += kb) {
      const kc = min(kb, k1 - pc);
      packB(b + <usize>(pc * rsB + jc * csB) * 4, rsB, csB, kc, nc, bp);
      // zero steps may be skipped only when B holds no ∞ or NaN (0·∞ is NaN)
      const finite = nc >= COMPACT_MIN_NC && allFinite(bp, kc * ((nc + NR - 1) & ~(NR - 1)));
      const first = pc == k0;
      const rowsMode = finite && csA == 1;
      const vals = kept + <usize>KEPT_BYTES;
      const ks = vals + <usize>KC * 4;
      for (let ic = i0; ic < i1; ic += MC) {
        const mc = min(MC, i1 - ic);
        // sparse rows of a row-major A: two rows at a time from the list of k where either is nonzero,
        // 16 columns per pass, the rest one row at a time (a block whose first row is more than a
        // third nonzero goes the 4-row way)
        if (rowsMode) {
          const row0 = a + <usize>(ic * rsA + pc) * 4;
          if (listRow(row0, kc, vals, ks) * 3 < kc) {
            let r = 0;
            const wide = nc & ~15;
            for (; r + 2 <= mc; r += 2) {
              const ra = row0 + <usize>(r * rsA) * 4;
              const n = listPair(ra, ra + <usize>rsA * 4, kc, vals, vals + <usize>KC * 8, ks);
              const crow = c + <usize>((ic + r) * ldc + jc) * 4;
              for (let jr = 0; jr < wide; jr += 16) {
                kernel2x16(vals, vals + <usize>KC * 8, ks, n, bp + <usize>(jr * kc) * 4, <usize>(kc * NR) * 4, crow + <usize>jr * 4, ldc, first);
              }
              if (wide < nc) {
                for (let q = 0; q < 2; q++) {
                  const m = listRow(ra + <usize>(q * rsA) * 4, kc, vals, ks);
                  rowFromList(vals, ks, m, bp + <usize>(wide * kc) * 4, kc, nc - wide, crow + <usize>(q * ldc + wide) * 4, first, tile);
                }
              }
            }
            for (; r < mc; r++) {
              const n = listRow(row0 + <usize>(r * rsA) * 4, kc, vals, ks);
              const crow = c + <usize>((ic + r) * ldc + jc) * 4;
              rowFromList(vals, ks, n, bp, kc, nc, crow, first, tile);
            }
            continue;
          }
        }
        packA(a + <usize>(ic * rsA + pc * csA) * 4, rsA, csA, mc, kc, ap);
        // a block whose first panel has few zero steps is taken as dense (the scan would not pay)
        let compact = finite;
        for (let ir = 0; ir < mc; ir += MR) {
          const n = compact ? compactPanel(ap + <usize>(ir * kc) * 4, kc, idx + <usize>(ir * KC)) : kc;
          if (n * 8 > kc * 7) compact = false;
          store<i32>(kept + <usize>ir, n);
        }
        for (let jr = 0; jr < nc; jr += NR) {
          const nr = min(NR, nc - jr);
          const bpanel = bp + <usize>(jr * kc) * 4;
          for (let ir = 0; ir < mc; ir += MR) {
            const mr = min(MR, mc - ir);
            const cp = c + <usize>((ic + ir) * ldc + jc + jr) * 4;
            const apanel = ap + <usize>(ir * kc) * 4;
            const n = load<i32>(kept + <usize>ir);
            const list = idx + <usize>(ir * KC);
            if (mr == MR && nr == NR) {
              tile4x8(apanel, list, n, bpanel, kc, cp, ldc, first);
            } else {
              tile4x8(apanel, list, n, bpanel, kc, tile, NR, true);
              for (let r = 0; r < mr; r++) {
                for (let q = 0; q < nr; q++) {
                  const dst = cp + <usize>(r * ldc + q) * 4;
                  const v = load<f32>(tile + <usize>(r * NR + q) * 4);
                  store<f32>(dst, first ? v : load<f32>(dst) + v);
                }
              }
            }
          }
        }
      }
    }
  }
}

/** How gemm splits work between shares. */
export const SPLIT_M: i32 = 0;
export const SPLIT_N: i32 = 1;
/** Each share sums its own range of K into c + share·m·n; gemmReduce adds the partials. */
export const SPLIT_K: i32 = 2;

/**
 * One share of C = op(A)·op(B). Row-major C with leading dimension ldc. With SPLIT_K, c points at
 * `shares` partial products of m·n elements each (ldc must be n).
 */
export function gemm(
  share: i32, shares: i32, scratch: usize,
  m: i32, n: i32, k: i32, a: usize, rsA: i32, csA: i32, b: usize, rsB: i32, csB: i32, c: usize, ldc: i32, mode: i32,
): void {
  if (mode == SPLIT_M) {
    gemmBlock(shareStart(m, MR, share, shares), shareStart(m, MR, share + 1, shares), 0, n, 0, k, a, rsA, csA, b, rsB, csB, c, ldc, scratch);
  } else if (mode == SPLIT_N) {
    gemmBlock(0, m, shareStart(n, NR, share, shares), shareStart(n, NR, share + 1, shares), 0, k, a, rsA, csA, b, rsB, csB, c, ldc, scratch);
  } else {
    const part = c + <usize>share * <usize>(m * n) * 4;
    gemmBlock(0, m, 0, n, shareStart(k, 16, share, shares), shareStart(k, 16, share + 1, shares), a, rsA, csA, b, rsB, csB, part, n, scratch);
  }
}

/** dst[i] = Σ_s parts[s·len + i] for s in order (the fixed-order reduction of SPLIT_K partials). */
export function gemmReduce(share: i32, shares: i32, _scratch: usize, parts: usize, count: i32, len: i32, dst: usize): void {
  const i0 = shareStart(len, 4, share, shares);
  const i1 = shareStart(len, 4, share + 1, shares);
  const stride = <usize>len * 4;
  let i = i0;
  for (; i + 4 <= i1; i += 4) {
    let p = parts + <usize>i * 4;
    let acc = v128.load(p);
    for (let s = 1; s < count; s++) {
      p += stride;
      acc = f32x4.add(acc, v128.load(p));
    }
    v128.store(dst + <usize>i * 4, acc);
  }
  for (; i < i1; i++) {
    let p = parts + <usize>i * 4;
    let acc = load<f32>(p);
    for (let s = 1; s < count; s++) {
      p += stride;
      acc += load<f32>(p);
    }
    store<f32>(dst + <usize>i * 4, acc);
  }
}
