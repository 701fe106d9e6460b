/**
 * Fused optimizer updates: one pass over a parameter and its slots per step, instead of a dozen
 * element-wise ops each reading and writing whole tensors.
 */
import { madd, shareStart } from "./simd";

/**
 * Adam over this share of [0, n): m ← β1·m + (1 − β1)·g, v ← β2·v + (1 − β2)·g² in place,
 * out = p − α·m / (√v + ε).
 */
export function adamF32(
  share: i32, shares: i32, _scratch: usize,
  p: usize, g: usize, m: usize, v: usize, out: usize, n: i32, alpha: f32, beta1: f32, beta2: f32, eps: f32,
): void {
  const i0 = shareStart(n, 64, share, shares);
  const i1 = shareStart(n, 64, share + 1, shares);
  const b1 = f32x4.splat(beta1);
  const c1 = f32x4.splat(1 - beta1);
  const b2 = f32x4.splat(beta2);
  const c2 = f32x4.splat(1 - beta2);
  const va = f32x4.splat(alpha);
  const ve = f32x4.splat(eps);
  let i = i0;
  for (; i + 4 <= i1; i += 4) {
    const o = <usize>i * 4;
    const gi = v128.load(g + o);
    const mi = madd(b1, v128.load(m + o), f32x4.mul(c1, gi));
    const vi = madd(b2, v128.load(v + o), f32x4.mul(c2, f32x4.mul(gi, gi)));
    v128.store(m + o, mi);
    v128.store(v + o, vi);
    const step = f32x4.div(f32x4.mul(va, mi), f32x4.add(f32x4.sqrt(vi), ve));
    v128.store(out + o, f32x4.sub(v128.load(p + o), step));
  }
  for (; i < i1; i++) {
    const o = <usize>i * 4;
    const gi = load<f32>(g + o);
    const mi = beta1 * load<f32>(m + o) + (1 - beta1) * gi;
    const vi = beta2 * load<f32>(v + o) + (1 - beta2) * gi * gi;
    store<f32>(m + o, mi);
    store<f32>(v + o, vi);
    store<f32>(out + o, load<f32>(p + o) - (alpha * mi) / (Mathf.sqrt(vi) + eps));
  }
}
