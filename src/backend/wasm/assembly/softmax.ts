/**
 * log-softmax along one axis of x viewed as [outer, n, inner]: out = (x − m) − log Σ e^(x − m), with m
 * the row's maximum when finite (else 0), as the js backend computes it. Sums of a row merge pairwise,
 * so their error stays near float32 rounding at any row length. Rows split between shares. The
 * exponentials run four lanes at a time (exp4).
 */
import { fmax4, lineStart, shareStart } from "./simd";

/** Terms summed in four accumulators before the pairwise merge of the sums below. */
const BLOCK: i32 = 64;

/**
 * e^x on four lanes, within about one float32 ulp of Mathf.exp: x = n·ln 2 + r with |r| ≤ ln 2 / 2
 * (ln 2 in two parts, Cody–Waite), e^r by Cephes' degree-6 polynomial, then 2^n applied as two
 * exponent-field factors so subnormal results and overflow to ∞ come out as Mathf.exp's. e^0 is
 * exactly 1, e^−∞ is 0, e^∞ is ∞ and NaN stays NaN. Plain multiplies and adds (no fused ones), so
 * both builds give the same bits.
 */
// @ts-ignore: decorator
@inline export function exp4(x: v128): v128 {
  // pmin/pmax (one instruction each; f32x4.min/max are long chains in V8) pass a NaN lane through
  const xc = f32x4.pmin(f32x4.pmax(x, f32x4.splat(-104)), f32x4.splat(89));
  const n = f32x4.nearest(f32x4.mul(xc, f32x4.splat(1.44269504088896341)));
  let r = f32x4.sub(xc, f32x4.mul(n, f32x4.splat(0.693359375)));
  r = f32x4.sub(r, f32x4.mul(n, f32x4.splat(-2.12194440e-4)));
  let p = f32x4.splat(1.9875691500e-4);
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.3981999507e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(8.3334519073e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(4.1665795894e-2));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.6666665459e-1));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(5.0000001201e-1));
  p = f32x4.add(f32x4.add(f32x4.mul(f32x4.mul(p, r), r), r), f32x4.splat(1));
  // 2^n = 2^n1 · 2^n2 with n1 = ⌊n/2⌋: each factor a normal float for n in [−151, 129]
  const ni = i32x4.trunc_sat_f32x4_s(n);
  const n1 = i32x4.shr_s(ni, 1);
  const n2 = i32x4.sub(ni, n1);
  const bias = i32x4.splat(127);
  const y = f32x4.mul(f32x4.mul(p, i32x4.shl(i32x4.add(n1, bias), 23)), i32x4.shl(i32x4.add(n2, bias), 23));
  // a NaN lane comes out NaN already; make it the input's own NaN
  return v128.bitselect(x, y, f32x4.ne(x, x));
}

/** exp4 of one float (the odd terms of a row, so every term of a row takes the same path). */
// @ts-ignore: decorator
@inline export function exp1(x: f32): f32 {
  return f32x4.extract_lane(exp4(f32x4.splat(x)), 0);
}

/** Four terms of a row at row + q·step bytes from term j; terms at or past n read as `fill`. */
// @ts-ignore: decorator
@inline function rowLanes(row: usize, j: i32, n: i32, step: usize, fill: v128): v128 {
  if (step == 4 && j + 4 <= n) return v128.load(row + <usize>j * 4);
  let v = fill;
  const p = row + <usize>j * step;
  if (j < n) v = f32x4.replace_lane(v, 0, load<f32>(p));
  if (j + 1 < n) v = f32x4.replace_lane(v, 1, load<f32>(p + step));
  if (j + 2 < n) v = f32x4.replace_lane(v, 2, load<f32>(p + 2 * step));
  if (j + 3 < n) v = f32x4.replace_lane(v, 3, load<f32>(p + 3 * step));
  return v;
}

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
    const sh = f32x4.splat(shift);
    let acc = f32x4.splat(0);
    let j = 0;
    for (; j + 4 <= n; j += 4) acc = f32x4.add(acc, exp4(f32x4.sub(rowLanes(row, j, n, step, sh), sh)));
    if (j < n) {
      // the last one to three terms; the other lanes read the shift (e^0, where e^−∞ would take the
      // processor's slow path for an underflow) and are cleared
      const keep = i32x4.lt_s(i32x4(0, 1, 2, 3), i32x4.splat(n - j));
      acc = f32x4.add(acc, v128.and(exp4(f32x4.sub(rowLanes(row, j, n, step, sh), sh)), keep));
    }
    return (f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1)) + (f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3));
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
    const base = lineStart(r, n, inner);
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
      const sh = f32x4.splat(shift);
      const sc = f32x4.splat(scale);
      const gv = f32x4.splat(gr);
      let j = 0;
      for (; j + 4 <= n; j += 4) {
        const o = base + <usize>j * 4;
        const e = exp4(f32x4.sub(v128.load(z + o), sh));
        v128.store(out + o, f32x4.mul(f32x4.sub(f32x4.mul(e, sc), v128.load(y + o)), gv));
      }
      for (; j < n; j++) {
        const o = base + <usize>j * 4;
        store<f32>(out + o, (exp1(load<f32>(z + o) - shift) * scale - load<f32>(y + o)) * gr);
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
