/**
 * Zero-skipping for the GEMM (gemm.ts): a k step whose A values are all zero adds exact zeros to C
 * when B is finite, so it can be left out without changing a bit. Two ways: 4-row panels compacted to
 * their steps with a nonzero value (any op(A)), and, for a row-major A whose rows are mostly zeros,
 * two rows at a time from the list of k where either is nonzero (an MNIST digit is 19 % nonzero,
 * two together 29 %, four 39 %; two rows × 16 columns keep 8 accumulators in registers). Not a
 * kernel file: nothing here is exported from the module.
 */
import { madd } from "./simd";

/**
 * Zero-skipping. A k step at which all 4 rows of an A panel are zero adds exact zeros to C: with a
 * finite B, 0·b is ±0 and c + ±0 is c (an accumulator that starts at +0 never holds −0). So such steps
 * can be left out without changing a bit of the result. Inputs with many zeros (images on a blank
 * background, one-hot codes, ReLU outputs) leave out most steps: 61 % of the forward product of an
 * MNIST batch and 72 % of its weight gradient. A packed panel is compacted in place to its steps with
 * a nonzero value, and their k are listed for the kernel to find the matching rows of packed B.
 * Returns the number of steps kept (kc when none is zero).
 */
export function compactPanel(ap: usize, kc: i32, idx: usize): i32 {
  const zero = f32x4.splat(0);
  let kept = 0;
  // branch-free: every step is written at the next free place, which advances only past nonzero steps
  for (let p = 0; p < kc; p++) {
    const v = v128.load(ap + <usize>p * 16);
    v128.store(ap + <usize>kept * 16, v);
    store<i32>(idx + <usize>kept * 4, p);
    kept += <i32>v128.any_true(f32x4.ne(v, zero));
  }
  return kept;
}

/** Whether every value of the count floats at p (a multiple of 4) is finite: 0·x is NaN for ±∞ and NaN. */
export function allFinite(p: usize, count: i32): bool {
  const zero = f32x4.splat(0);
  // four independent sums, so the check runs at the adder's throughput rather than its latency
  let s0 = zero, s1 = zero, s2 = zero, s3 = zero;
  const end = p + <usize>count * 4;
  let q = p;
  for (; q + 64 <= end; q += 64) {
    s0 = f32x4.add(s0, f32x4.mul(zero, v128.load(q)));
    s1 = f32x4.add(s1, f32x4.mul(zero, v128.load(q, 16)));
    s2 = f32x4.add(s2, f32x4.mul(zero, v128.load(q, 32)));
    s3 = f32x4.add(s3, f32x4.mul(zero, v128.load(q, 48)));
  }
  for (; q < end; q += 16) s0 = f32x4.add(s0, f32x4.mul(zero, v128.load(q)));
  const s = f32x4.add(f32x4.add(s0, s1), f32x4.add(s2, s3));
  return !v128.any_true(f32x4.ne(s, s));
}

/**
 * C[4×8] (=|+=) Apanel · Bpanel over kc steps; C rows are ldc elements apart. With `listed` (a
 * compile-time constant: each caller gets its own loop) the panel is compacted and step t reads the
 * row of packed B whose k is idx[t]; without, step t reads the next row.
 */
// @ts-ignore: decorator
@inline export function kernel4x8Body(ap: usize, idx: usize, bp: usize, kc: i32, c: usize, ldc: i32, first: bool, listed: bool): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  for (let t = 0; t < kc; t++) {
    const bk = listed ? bp + (<usize>load<i32>(idx) << 5) : bp;
    const b0 = v128.load(bk);
    const b1 = v128.load(bk, 16);
    let a = v128.load32_splat(ap);
    c00 = madd(a, b0, c00);
    c01 = madd(a, b1, c01);
    a = v128.load32_splat(ap, 4);
    c10 = madd(a, b0, c10);
    c11 = madd(a, b1, c11);
    a = v128.load32_splat(ap, 8);
    c20 = madd(a, b0, c20);
    c21 = madd(a, b1, c21);
    a = v128.load32_splat(ap, 12);
    c30 = madd(a, b0, c30);
    c31 = madd(a, b1, c31);
    ap += 16;
    if (listed) idx += 4;
    else bp += 32;
  }
  const ld = <usize>ldc * 4;
  addStore2(c, first, c00, c01);
  addStore2(c + ld, first, c10, c11);
  addStore2(c + 2 * ld, first, c20, c21);
  addStore2(c + 3 * ld, first, c30, c31);
}

/** kernel4x8Body over a compacted panel: only the kc listed k steps, whose k are at idx. */
export function kernel4x8Listed(ap: usize, idx: usize, bp: usize, kc: i32, c: usize, ldc: i32, first: bool): void {
  kernel4x8Body(ap, idx, bp, kc, c, ldc, first, true);
}

/** Stores two vectors of accumulators at c (first), or adds them to what is there. */
// @ts-ignore: decorator
@inline function addStore2(c: usize, first: bool, x0: v128, x1: v128): void {
  if (!first) {
    x0 = f32x4.add(x0, v128.load(c));
    x1 = f32x4.add(x1, v128.load(c, 16));
  }
  v128.store(c, x0);
  v128.store(c, x1, 16);
}

/**
 * Lists the nonzero values of a contiguous row of A (kc floats at `row`) and their k: values at
 * `vals`, k at `ks`. Returns how many. Four lanes are tested at once; a group with no nonzero
 * lane costs a compare.
 */
export function listRow(row: usize, kc: i32, vals: usize, ks: usize): i32 {
  const zero = f32x4.splat(0);
  let n = 0;
  let p = 0;
  for (; p + 4 <= kc; p += 4) {
    const v = v128.load(row + <usize>p * 4);
    const m = i32x4.bitmask(f32x4.ne(v, zero));
    if (m == 0) continue;
    store<f32>(vals + <usize>n * 4, f32x4.extract_lane(v, 0));
    store<i32>(ks + <usize>n * 4, p);
    n += m & 1;
    store<f32>(vals + <usize>n * 4, f32x4.extract_lane(v, 1));
    store<i32>(ks + <usize>n * 4, p + 1);
    n += (m >> 1) & 1;
    store<f32>(vals + <usize>n * 4, f32x4.extract_lane(v, 2));
    store<i32>(ks + <usize>n * 4, p + 2);
    n += (m >> 2) & 1;
    store<f32>(vals + <usize>n * 4, f32x4.extract_lane(v, 3));
    store<i32>(ks + <usize>n * 4, p + 3);
    n += (m >> 3) & 1;
  }
  for (; p < kc; p++) {
    const x = load<f32>(row + <usize>p * 4);
    store<f32>(vals + <usize>n * 4, x);
    store<i32>(ks + <usize>n * 4, p);
    n += <i32>(x != 0);
  }
  return n;
}

/**
 * One row of C over 24 columns (three packed B panels) from a row's nonzero list: 6 accumulators. Each
 * element sums its products in k order, as the 4×8 kernel does. Six accumulators + six B vectors +
 * the splat fit the 15 xmm registers (TurboFan loads every vector of the loop body before its
 * multiply-adds); a 32-column version ran no faster and needed widths in multiples of 32.
 */
export function kernel1x24(vals: usize, ks: usize, n: i32, bp: usize, kc: i32, c: usize, first: bool): void {
  const panel = <usize>kc * 32;
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0), c2 = f32x4.splat(0);
  let c3 = f32x4.splat(0), c4 = f32x4.splat(0), c5 = f32x4.splat(0);
  for (let t = 0; t < n; t++) {
    const a = v128.load32_splat(vals + <usize>t * 4);
    const b = bp + (<usize>load<i32>(ks + <usize>t * 4) << 5);
    c0 = madd(a, v128.load(b), c0);
    c1 = madd(a, v128.load(b, 16), c1);
    c2 = madd(a, v128.load(b + panel), c2);
    c3 = madd(a, v128.load(b + panel, 16), c3);
    c4 = madd(a, v128.load(b + 2 * panel), c4);
    c5 = madd(a, v128.load(b + 2 * panel, 16), c5);
  }
  addStore2(c, first, c0, c1);
  addStore2(c + 32, first, c2, c3);
  addStore2(c + 64, first, c4, c5);
}

/** kernel1x24 for one 8-column panel, into an 8-float tile `t` (the caller adds or copies its columns). */
export function kernel1x8(vals: usize, ks: usize, n: i32, bp: usize, t: usize): void {
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0);
  for (let i = 0; i < n; i++) {
    const a = v128.load32_splat(vals + <usize>i * 4);
    const b = bp + (<usize>load<i32>(ks + <usize>i * 4) << 5);
    c0 = madd(a, v128.load(b), c0);
    c1 = madd(a, v128.load(b, 16), c1);
  }
  v128.store(t, c0);
  v128.store(t, c1, 16);
}

/**
 * Lists the k at which either of two contiguous rows of A (kc floats at r0 and r1) is nonzero, with
 * both rows' values there (one may be zero): values at v0 and v1, k at ks. Returns how many.
 */
export function listPair(r0: usize, r1: usize, kc: i32, v0: usize, v1: usize, ks: usize): i32 {
  const zero = f32x4.splat(0);
  let n = 0;
  let p = 0;
  for (; p + 4 <= kc; p += 4) {
    const x = v128.load(r0 + <usize>p * 4);
    const y = v128.load(r1 + <usize>p * 4);
    const m = i32x4.bitmask(v128.or(f32x4.ne(x, zero), f32x4.ne(y, zero)));
    if (m == 0) continue;
    store<f32>(v0 + <usize>n * 4, f32x4.extract_lane(x, 0));
    store<f32>(v1 + <usize>n * 4, f32x4.extract_lane(y, 0));
    store<i32>(ks + <usize>n * 4, p);
    n += m & 1;
    store<f32>(v0 + <usize>n * 4, f32x4.extract_lane(x, 1));
    store<f32>(v1 + <usize>n * 4, f32x4.extract_lane(y, 1));
    store<i32>(ks + <usize>n * 4, p + 1);
    n += (m >> 1) & 1;
    store<f32>(v0 + <usize>n * 4, f32x4.extract_lane(x, 2));
    store<f32>(v1 + <usize>n * 4, f32x4.extract_lane(y, 2));
    store<i32>(ks + <usize>n * 4, p + 2);
    n += (m >> 2) & 1;
    store<f32>(v0 + <usize>n * 4, f32x4.extract_lane(x, 3));
    store<f32>(v1 + <usize>n * 4, f32x4.extract_lane(y, 3));
    store<i32>(ks + <usize>n * 4, p + 3);
    n += (m >> 3) & 1;
  }
  for (; p < kc; p++) {
    const x = load<f32>(r0 + <usize>p * 4);
    const y = load<f32>(r1 + <usize>p * 4);
    store<f32>(v0 + <usize>n * 4, x);
    store<f32>(v1 + <usize>n * 4, y);
    store<i32>(ks + <usize>n * 4, p);
    n += <i32>(x != 0 || y != 0);
  }
  return n;
}

/**
 * Two rows of C over 16 columns (two packed B panels, `panel` bytes apart) from their shared list:
 * 8 accumulators; 2 splats + 4 B vectors + 8 accumulators fit the 15 xmm registers. Each element sums
 * its products in k order (the other row's extra steps add exact zeros).
 */
export function kernel2x16(v0: usize, v1: usize, ks: usize, n: i32, bp: usize, panel: usize, c: usize, ldc: i32, first: bool): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c02 = f32x4.splat(0), c03 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0), c12 = f32x4.splat(0), c13 = f32x4.splat(0);
  for (let t = 0; t < n; t++) {
    const a0 = v128.load32_splat(v0 + <usize>t * 4);
    const a1 = v128.load32_splat(v1 + <usize>t * 4);
    const b = bp + (<usize>load<i32>(ks + <usize>t * 4) << 5);
    const b0 = v128.load(b);
    const b1 = v128.load(b, 16);
    const b2 = v128.load(b + panel);
    const b3 = v128.load(b + panel, 16);
    c00 = madd(a0, b0, c00);
    c01 = madd(a0, b1, c01);
    c02 = madd(a0, b2, c02);
    c03 = madd(a0, b3, c03);
    c10 = madd(a1, b0, c10);
    c11 = madd(a1, b1, c11);
    c12 = madd(a1, b2, c12);
    c13 = madd(a1, b3, c13);
  }
  const r1 = c + <usize>ldc * 4;
  addStore2(c, first, c00, c01);
  addStore2(c + 32, first, c02, c03);
  addStore2(r1, first, c10, c11);
  addStore2(r1 + 32, first, c12, c13);
}
