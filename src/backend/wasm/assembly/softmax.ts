/**
 * log-softmax along one axis of x viewed as [outer, n, inner]: out = (x − m) − log Σ e^(x − m), with m
 * the row's maximum when finite (else 0), as the js backend computes it. Sums of a row merge pairwise,
 * so their error stays near float32 rounding at any row length. Rows split between shares.
 */
import { fmax4, shareStart } from "./simd";

/** Terms summed in four accumulators before the pairwise merge of the sums below. */
const BLOCK: i32 = 64;

/**
 * The shift of a row of n floats at row + q·step bytes: its maximum when finite, else 0 (a NaN
 * anywhere in the row wins, as in the js backend). Contiguous rows take the maximum four lanes at a time.
 */
// @ts-ignore: decorator
@inline function rowShift(row: usize, n: i32, step: usize): f32 {
  let m: f32 = -Infinity;
  let j = 0;
  if (step == 4) {
    let mv = f32x4.splat(-Infinity);
    for (; j + 4 <= n; j += 4) mv = fmax4(v128.load(row + <usize>j * 4), mv);
    m = max(max(f32x4.extract_lane(mv, 0), f32x4.extract_lane(mv, 1)), max(f32x4.extract_lane(mv, 2), f32x4.extract_lane(mv, 3)));
    // a NaN lane must win, as it does in the js backend
    if (!v128.all_true<i32>(f32x4.eq(mv, mv))) m = NaN;
  }
  for (; j < n; j++) {
    const v = load<f32>(row + <usize>j * step);
    m = v != v || m != m ? NaN : max(m, v);
  }
  return isFinite<f32>(m) ? m : 0;
}

/** Σ e^(x − shift) over the row, pairwise over blocks of BLOCK terms (a running float32 sum drifts at scale). */
function expSum(row: usize, n: i32, step: usize, shift: f32): f32 {
  if (n <= BLOCK) {
    let a0: f32 = 0, a1: f32 = 0, a2: f32 = 0, a3: f32 = 0;
    let j = 0;
    for (; j + 4 <= n; j += 4) {
      const p = row + <usize>j * step;
      a0 += Mathf.exp(load<f32>(p) - shift);
      a1 += Mathf.exp(load<f32>(p + step) - shift);
      a2 += Mathf.exp(load<f32>(p + 2 * step) - shift);
      a3 += Mathf.exp(load<f32>(p + 3 * step) - shift);
    }
    for (; j < n; j++) a0 += Mathf.exp(load<f32>(row + <usize>j * step) - shift);
    return (a0 + a1) + (a2 + a3);
  }
  const half = (((n / BLOCK) + 1) >> 1) * BLOCK;
  return expSum(row, half, step, shift) + expSum(row + <usize>half * step, n - half, step, shift);
}

/** Σ y·((shift − z) + logS) over a contiguous row: the cross-entropy Σ y·(lse − z), pairwise as expSum. */
function xentSum(z: usize, y: usize, n: i32, shift: f32, logS: f32): f32 {
  if (n <= BLOCK) {
    let a0: f32 = 0, a1: f32 = 0;
    let j = 0;
    for (; j + 2 <= n; j += 2) {
      const o = <usize>j * 4;
      a0 += load<f32>(y + o) * ((shift - load<f32>(z + o)) + logS);
      a1 += load<f32>(y + o, 4) * ((shift - load<f32>(z + o, 4)) + logS);
    }
    if (j < n) a0 += load<f32>(y + <usize>j * 4) * ((shift - load<f32>(z + <usize>j * 4)) + logS);
    return a0 + a1;
  }
  const half = (((n / BLOCK) + 1) >> 1) * BLOCK;
  const o = <usize>half * 4;
  return xentSum(z, y, half, shift, logS) + xentSum(z + o, y + o, n - half, shift, logS);
}

/** Σ of n contiguous floats, pairwise as expSum. */
function plainSum(y: usize, n: i32): f32 {
  if (n <= BLOCK) {
    let a0 = f32x4.splat(0);
    let j = 0;
    for (; j + 4 <= n; j += 4) a0 = f32x4.add(a0, v128.load(y + <usize>j * 4));
    let s = (f32x4.extract_lane(a0, 0) + f32x4.extract_lane(a0, 1)) + (f32x4.extract_lane(a0, 2) + f32x4.extract_lane(a0, 3));
    for (; j < n; j++) s += load<f32>(y + <usize>j * 4);
    return s;
  }
  const half = (((n / BLOCK) + 1) >> 1) * BLOCK;
  return plainSum(y, half) + plainSum(y + <usize>half * 4, n - half);
}

export function logSoftmaxF32(share: i32, shares: i32, _scratch: usize, x: usize, out: usize, outer: i32, n: i32, inner: i32): void {
  const rows = outer * inner;
  const r0 = shareStart(rows, 1, share, shares);
  const r1 = shareStart(rows, 1, share + 1, shares);
  const step = <usize>inner * 4;
  for (let r = r0; r < r1; r++) {
    const b = r / inner;
    const i = r - b * inner;
    const base = <usize>(b * n * inner + i) * 4;
    // x − shift − log s, not x − (shift + log s): at large shifts the latter loses log s's digits
    const shift = rowShift(x + base, n, step);
    const logS = Mathf.log(expSum(x + base, n, step, shift));
    for (let q = 0; q < n; q++) {
      const p = base + <usize>q * step;
      store<f32>(out + p, (load<f32>(x + p) - shift) - logS);
    }
  }
}

/** Per row of n classes: out = Σ y·(lse − z), the cross-entropy of softmax(z) against y. Rows split between shares. */
export function softmaxXentF32(share: i32, shares: i32, _scratch: usize, z: usize, y: usize, out: usize, rows: i32, n: i32): void {
  const r0 = shareStart(rows, 1, share, shares);
  const r1 = shareStart(rows, 1, share + 1, shares);
  for (let r = r0; r < r1; r++) {
    const base = <usize>r * <usize>n * 4;
    const shift = rowShift(z + base, n, 4);
    const logS = Mathf.log(expSum(z + base, n, 4, shift));
    store<f32>(out + <usize>r * 4, xentSum(z + base, y + base, n, shift, logS));
  }
}

/**
 * Per row of n classes: out = (softmax(z)·Σy − y)·g[row], the gradient of softmaxXentF32 in z, with
 * softmax(z)·Σy as e^(z − shift)·(Σy / s): no rounded log in the exponent.
 */
export function softmaxXentGradF32(share: i32, shares: i32, _scratch: usize, z: usize, y: usize, g: usize, out: usize, rows: i32, n: i32): void {
  const r0 = shareStart(rows, 1, share, shares);
  const r1 = shareStart(rows, 1, share + 1, shares);
  for (let r = r0; r < r1; r++) {
    const base = <usize>r * <usize>n * 4;
    const shift = rowShift(z + base, n, 4);
    const total = plainSum(y + base, n);
    const s = expSum(z + base, n, 4, shift);
    const gr = load<f32>(g + <usize>r * 4);
    if (s >= 1 && s < Infinity) {
      const scale = total / s;
      for (let j = 0; j < n; j++) {
        const o = base + <usize>j * 4;
        store<f32>(out + o, (Mathf.exp(load<f32>(z + o) - shift) * scale - load<f32>(y + o)) * gr);
      }
    } else {
      // rows of infinities or NaN: the formula's own NaN and zeros, as in the js backend
      const logS = Mathf.log(s);
      for (let j = 0; j < n; j++) {
        const o = base + <usize>j * 4;
        store<f32>(out + o, (Mathf.exp((load<f32>(z + o) - shift) - logS) * total - load<f32>(y + o)) * gr);
      }
    }
  }
}
