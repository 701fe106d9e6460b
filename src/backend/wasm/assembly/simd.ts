/**
 * SIMD helpers shared by the kernels. `madd` is a fused multiply-add in the relaxed-SIMD build
 * (f32x4.relaxed_madd) and a multiply then add in the plain SIMD128 build; the choice is made at
 * compile time from ASC_FEATURE_RELAXED_SIMD, so each build has one straight-line instruction.
 */

/** a·b + c on four float32 lanes. */
// @ts-ignore: decorator
@inline export function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}

/**
 * Lane-wise max with NaN propagation, exactly as the js backend computes it (a NaN operand wins; else
 * a > b ? a : b). V8 lowers f32x4.max to a long latency chain (≈ 6 ns per dependent step, measured);
 * a compare and a select run in a third of that.
 */
// @ts-ignore: decorator
@inline export function fmax4(a: v128, b: v128): v128 {
  return v128.bitselect(a, b, v128.or(f32x4.gt(a, b), f32x4.ne(a, a)));
}

/** Lane-wise min with NaN propagation (a NaN operand wins; else a < b ? a : b). */
// @ts-ignore: decorator
@inline export function fmin4(a: v128, b: v128): v128 {
  return v128.bitselect(a, b, v128.or(f32x4.lt(a, b), f32x4.ne(a, a)));
}

/**
 * Flush to zero: subnormal values (magnitude below the smallest normal float32, 2^-126) become +0;
 * everything else, NaN included, passes unchanged. Optimizer slots that decay geometrically (Adam's
 * moments of a weight whose gradient has gone to zero) otherwise sink into the subnormal range, where
 * x86 arithmetic takes a slow microcode path; TensorFlow's CPU kernels run with flush-to-zero for the
 * same reason.
 */
// @ts-ignore: decorator
@inline export function ftz4(x: v128): v128 {
  // a zero exponent field marks a subnormal (or zero): clear those lanes
  return v128.andnot(x, i32x4.eq(v128.and(x, i32x4.splat(0x7f800000)), i32x4.splat(0)));
}

/** ftz4 on one float32. */
// @ts-ignore: decorator
@inline export function ftz(x: f32): f32 {
  return Mathf.abs(x) < reinterpret<f32>(0x00800000) ? 0 : x;
}

/** Transposes the 4×4 block whose rows are r0..r3 and stores its columns at dst + q·stride bytes, q = 0..3. */
// @ts-ignore: decorator
@inline export function storeTransposed4(dst: usize, stride: usize, r0: v128, r1: v128, r2: v128, r3: v128): void {
  const t0 = v128.shuffle<i32>(r0, r1, 0, 4, 1, 5);
  const t1 = v128.shuffle<i32>(r0, r1, 2, 6, 3, 7);
  const t2 = v128.shuffle<i32>(r2, r3, 0, 4, 1, 5);
  const t3 = v128.shuffle<i32>(r2, r3, 2, 6, 3, 7);
  v128.store(dst, v128.shuffle<i64>(t0, t2, 0, 2));
  v128.store(dst + stride, v128.shuffle<i64>(t0, t2, 1, 3));
  v128.store(dst + 2 * stride, v128.shuffle<i64>(t1, t3, 0, 2));
  v128.store(dst + 3 * stride, v128.shuffle<i64>(t1, t3, 1, 3));
}

/** Start of share `share` of `n` items split into `shares` nearly equal contiguous runs of `unit` items. */
export function shareStart(n: i32, unit: i32, share: i32, shares: i32): i32 {
  const units = (n + unit - 1) / unit;
  const s = <i32>((<i64>units * share) / shares) * unit;
  return min(s, n);
}

/**
 * Byte offset of line r of an [outer, n, inner] float32 array walked along its middle axis: r =
 * b·inner + i starts at element (b, 0, i), and its n elements lie inner·4 bytes apart.
 */
// @ts-ignore: decorator
@inline export function lineStart(r: i32, n: i32, inner: i32): usize {
  const b = r / inner;
  return (<usize>b * <usize>n * <usize>inner + <usize>(r - b * inner)) * 4;
}
