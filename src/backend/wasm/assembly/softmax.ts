/**
 * log-softmax along one axis of x viewed as [outer, n, inner]: out = x − m − log Σ e^(x − m), with m
 * the row's maximum when finite (else 0), as the js backend computes it. Rows split between shares.
 */
import { fmax4, shareStart } from "./simd";

/**
 * log Σ e^x over the n floats at row + q·step bytes, shifted by their maximum when finite (else 0);
 * a NaN anywhere in the row wins, as in the js backend. Contiguous rows (step 4) take the maximum
 * four lanes at a time.
 */
// @ts-ignore: decorator
@inline function rowLse(row: usize, n: i32, step: usize): f32 {
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
  const shift: f32 = isFinite<f32>(m) ? m : 0;
  let s: f32 = 0;
  for (let q = 0; q < n; q++) s += Mathf.exp(load<f32>(row + <usize>q * step) - shift);
  return Mathf.log(s) + shift;
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
    const lse = rowLse(x + base, n, step);
    for (let q = 0; q < n; q++) {
      const p = base + <usize>q * step;
      store<f32>(out + p, load<f32>(x + p) - lse);
    }
  }
}

/** Per row of n classes: out = Σ y·(lse − z), the cross-entropy of softmax(z) against y. Rows split between shares. */
export function softmaxXentF32(share: i32, shares: i32, _scratch: usize, z: usize, y: usize, out: usize, rows: i32, n: i32): void {
  const r0 = shareStart(rows, 1, share, shares);
  const r1 = shareStart(rows, 1, share + 1, shares);
  for (let r = r0; r < r1; r++) {
    const base = <usize>r * <usize>n * 4;
    const lse = rowLse(z + base, n, 4);
    let acc: f32 = 0;
    for (let j = 0; j < n; j++) {
      const o = base + <usize>j * 4;
      acc += load<f32>(y + o) * (lse - load<f32>(z + o));
    }
    store<f32>(out + <usize>r * 4, acc);
  }
}

/** Per row of n classes: out = (softmax(z)·Σy − y)·g[row], the gradient of softmaxXentF32 in z. */
export function softmaxXentGradF32(share: i32, shares: i32, _scratch: usize, z: usize, y: usize, g: usize, out: usize, rows: i32, n: i32): void {
  const r0 = shareStart(rows, 1, share, shares);
  const r1 = shareStart(rows, 1, share + 1, shares);
  for (let r = r0; r < r1; r++) {
    const base = <usize>r * <usize>n * 4;
    const lse = rowLse(z + base, n, 4);
    let total: f32 = 0;
    for (let j = 0; j < n; j++) total += load<f32>(y + base + <usize>j * 4);
    const gr = load<f32>(g + <usize>r * 4);
    for (let j = 0; j < n; j++) {
      const o = base + <usize>j * 4;
      store<f32>(out + o, (Mathf.exp(load<f32>(z + o) - lse) * total - load<f32>(y + o)) * gr);
    }
  }
}
