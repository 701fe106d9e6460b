/**
 * log-softmax along one axis of x viewed as [outer, n, inner]: out = x − m − log Σ e^(x − m), with m
 * the row's maximum when finite (else 0), as the js backend computes it. Rows split between shares.
 */
import { fmax4, shareStart } from "./simd";

export function logSoftmaxF32(share: i32, shares: i32, _scratch: usize, x: usize, out: usize, outer: i32, n: i32, inner: i32): void {
  const rows = outer * inner;
  const r0 = shareStart(rows, 1, share, shares);
  const r1 = shareStart(rows, 1, share + 1, shares);
  const step = <usize>inner * 4;
  for (let r = r0; r < r1; r++) {
    const b = r / inner;
    const i = r - b * inner;
    const base = <usize>(b * n * inner + i) * 4;
    let m: f32 = -Infinity;
    let j = 0;
    if (inner == 1) {
      let mv = f32x4.splat(-Infinity);
      for (; j + 4 <= n; j += 4) mv = fmax4(v128.load(x + base + <usize>j * 4), mv);
      m = max(max(f32x4.extract_lane(mv, 0), f32x4.extract_lane(mv, 1)), max(f32x4.extract_lane(mv, 2), f32x4.extract_lane(mv, 3)));
      // a NaN lane must win, as it does in the js backend
      if (!v128.all_true<i32>(f32x4.eq(mv, mv))) m = NaN;
    }
    for (; j < n; j++) {
      const v = load<f32>(x + base + <usize>j * step);
      m = v != v || m != m ? NaN : max(m, v);
    }
    const shift: f32 = isFinite<f32>(m) ? m : 0;
    let s: f32 = 0;
    for (let q = 0; q < n; q++) s += Mathf.exp(load<f32>(x + base + <usize>q * step) - shift);
    const lse = Mathf.log(s) + shift;
    for (let q = 0; q < n; q++) {
      const p = base + <usize>q * step;
      store<f32>(out + p, load<f32>(x + p) - lse);
    }
  }
}
