/**
 * Optimizer update rules: one pass over a parameter and its slots per step, instead of a dozen
 * element-wise ops each reading and writing whole tensors. Each is its rule's formula in
 * src/optim/rules/<name>.ts; the glue passes out = p, so the parameter is updated in place (each
 * element of p is read before the same element of out is written).
 */
import { cutTiny, cutTiny4, ema, ema4, fz, fz4, normalFloor, slotEma4, tailIn, tailOut } from "./optim-math";
import { fmax4, ftz, ftz4, madd, shareStart } from "./simd";

/**
 * Adam over this share of [0, n): m ← β1·m + (1 − β1)·g, v ← β2·v + (1 − β2)·g² in place,
 * out = p − α·m / (√v + ε). With `flush`, m and v values that turned subnormal are set to 0.
 * The step takes m as 0 where α·m would be subnormal (|m| < FLT_MIN / α): a moment decaying towards 0
 * spends ~65 steps in that band, where the product takes the processor's slow path (an epoch of an
 * MLP whose dead units' moments were decaying ran its updates 10× slower), and the step it would
 * give is far below what any normal parameter can resolve.
 */
export function adamF32(
  share: i32, shares: i32, _scratch: usize,
  p: usize, g: usize, m: usize, v: usize, out: usize, n: i32, alpha: f32, beta1: f32, beta2: f32, eps: f32, flush: i32,
): void {
  const i0 = shareStart(n, 64, share, shares);
  const i1 = shareStart(n, 64, share + 1, shares);
  // two loops, each with the flush decided at compile time (the check costs a fifth of the pass)
  const body = i0 + ((i1 - i0) & ~3);
  if (flush) adamVectors(p, g, m, v, out, i0, body, alpha, beta1, beta2, eps, true);
  else adamVectors(p, g, m, v, out, i0, body, alpha, beta1, beta2, eps, false);
  const tiny = normalFloor(alpha);
  for (let i = body; i < i1; i++) {
    const o = <usize>i * 4;
    const gi = load<f32>(g + o);
    let mi = beta1 * load<f32>(m + o) + (1 - beta1) * gi;
    let vi = beta2 * load<f32>(v + o) + (1 - beta2) * gi * gi;
    if (flush) {
      mi = ftz(mi);
      vi = ftz(vi);
    }
    store<f32>(m + o, mi);
    store<f32>(v + o, vi);
    store<f32>(out + o, load<f32>(p + o) - (alpha * cutTiny(mi, tiny)) / (Mathf.sqrt(vi) + eps));
  }
}

// @ts-ignore: decorator
@inline function adamVectors(
  p: usize, g: usize, m: usize, v: usize, out: usize, i0: i32, i1: i32, alpha: f32, beta1: f32, beta2: f32, eps: f32, flush: bool,
): void {
  const b1 = f32x4.splat(beta1);
  const c1 = f32x4.splat(1 - beta1);
  const b2 = f32x4.splat(beta2);
  const c2 = f32x4.splat(1 - beta2);
  const va = f32x4.splat(alpha);
  const ve = f32x4.splat(eps);
  const vt = f32x4.splat(normalFloor(alpha));
  for (let i = i0; i < i1; i += 4) {
    const o = <usize>i * 4;
    const gi = v128.load(g + o);
    let mi = madd(b1, v128.load(m + o), f32x4.mul(c1, gi));
    let vi = madd(b2, v128.load(v + o), f32x4.mul(c2, f32x4.mul(gi, gi)));
    if (flush) {
      mi = ftz4(mi);
      vi = ftz4(vi);
    }
    v128.store(m + o, mi);
    v128.store(v + o, vi);
    const step = f32x4.div(f32x4.mul(va, cutTiny4(mi, vt)), f32x4.add(f32x4.sqrt(vi), ve));
    v128.store(out + o, f32x4.sub(v128.load(p + o), step));
  }
}

/*
 * The other optimizers' rules, one pass each over this share of [0, n) (see src/optim/rules for the
 * formulas). Slots are updated in place; out is the new parameter (p itself).
 * Each follows its optimizer's formula operation by operation (no fused multiply-add), so it stays
 * within float32 rounding of the op-by-op path. Slots that decay are flushed to zero when they turn
 * subnormal when `flush` is set (see FlushAttr in backend/update-rules.ts).
 */

/** p − lr·g. */
export function sgdF32(share: i32, shares: i32, _scratch: usize, p: usize, g: usize, out: usize, n: i32, lr: f32): void {
  const i0 = shareStart(n, 64, share, shares);
  const i1 = shareStart(n, 64, share + 1, shares);
  for (let i = i0; i < i1; i++) {
    const o = <usize>i * 4;
    store<f32>(out + o, load<f32>(p + o) - load<f32>(g + o) * lr);
  }
}

/** v ← μ·v − lr·g;  p' = p + v, or with Nesterov p + μ·v − lr·g. */
export function momentumF32(
  share: i32, shares: i32, _scratch: usize, p: usize, g: usize, v: usize, out: usize, n: i32, lr: f32, mu: f32, nesterov: i32, flush: i32,
): void {
  const i0 = shareStart(n, 64, share, shares);
  const i1 = shareStart(n, 64, share + 1, shares);
  for (let i = i0; i < i1; i++) {
    const o = <usize>i * 4;
    const gl = load<f32>(g + o) * lr;
    const vi = fz(load<f32>(v + o) * mu - gl, flush);
    store<f32>(v + o, vi);
    store<f32>(out + o, nesterov ? load<f32>(p + o) + vi * mu - gl : load<f32>(p + o) + vi);
  }
}

/**
 * v ← ρ·v + (1 − ρ)·g²; centered (a ≠ 0): a ← ρ·a + (1 − ρ)·g, d = v − a² + ε, else d = v + ε;
 * Δ = lr·g / √d; with momentum (m ≠ 0): m ← μ·m + Δ, p' = p − m, else p' = p − Δ.
 * a² is taken as 0 where it would be subnormal (|a| < 2⁻⁶³): a decaying average spends ~180 steps
 * (ρ = 0.9) in that band, on the slow path, and below FLT_MIN it cannot change v + ε unless ε < 1e-30.
 */
export function rmspropF32(
  share: i32, shares: i32, scratch: usize,
  p: usize, g: usize, v: usize, a: usize, m: usize, out: usize, n: i32, lr: f32, rho: f32, eps: f32, mu: f32, flush: i32,
): void {
  const i0 = shareStart(n, 64, share, shares);
  const i1 = shareStart(n, 64, share + 1, shares);
  const body = i0 + ((i1 - i0) & ~3);
  if (flush) rmspropVectors(p, g, v, a, m, out, i0, body, lr, rho, eps, mu, true);
  else rmspropVectors(p, g, v, a, m, out, i0, body, lr, rho, eps, mu, false);
  if (body == i1) return;
  const t = tailIn(scratch, body, i1, p, g, v, a, m);
  rmspropVectors(t, t + 16, t + 32, a ? t + 48 : 0, m ? t + 64 : 0, t, 0, 4, lr, rho, eps, mu, flush != 0);
  tailOut(t, body, i1, out, v, a, m);
}

/** rmspropF32's formula four lanes at a time, operation by operation as the js rule. */
// @ts-ignore: decorator
@inline function rmspropVectors(
  p: usize, g: usize, v: usize, a: usize, m: usize, out: usize, i0: i32, i1: i32, lr: f32, rho: f32, eps: f32, mu: f32, flush: bool,
): void {
  const vr = f32x4.splat(rho);
  const vc = f32x4.splat(1 - rho);
  const vl = f32x4.splat(lr);
  const ve = f32x4.splat(eps);
  const vm = f32x4.splat(mu);
  const vt = f32x4.splat(<f32>1.08420217e-19);
  for (let i = i0; i < i1; i += 4) {
    const o = <usize>i * 4;
    const gi = v128.load(g + o);
    const vi = slotEma4(v, o, vr, vc, f32x4.mul(gi, gi), flush);
    let d = f32x4.add(vi, ve);
    if (a) {
      const ai = slotEma4(a, o, vr, vc, gi, flush);
      const ac = cutTiny4(ai, vt);
      d = f32x4.add(f32x4.sub(vi, f32x4.mul(ac, ac)), ve);
    }
    let step = f32x4.div(f32x4.mul(gi, vl), f32x4.sqrt(d));
    if (m) {
      step = fz4(f32x4.add(f32x4.mul(v128.load(m + o), vm), step), flush);
      v128.store(m + o, step);
    }
    v128.store(out + o, f32x4.sub(v128.load(p + o), step));
  }
}

/** a ← a + g²;  p' = p − lr·g / √(a + ε). */
export function adagradF32(share: i32, shares: i32, _scratch: usize, p: usize, g: usize, a: usize, out: usize, n: i32, lr: f32, eps: f32): void {
  const i0 = shareStart(n, 64, share, shares);
  const i1 = shareStart(n, 64, share + 1, shares);
  for (let i = i0; i < i1; i++) {
    const o = <usize>i * 4;
    const gi = load<f32>(g + o);
    const ai = load<f32>(a + o) + gi * gi;
    store<f32>(a + o, ai);
    store<f32>(out + o, load<f32>(p + o) - (gi * lr) / Mathf.sqrt(ai + eps));
  }
}

/** a ← ρ·a + (1 − ρ)·g²;  Δ = −√(d + ε) / √(a + ε) · g;  d ← ρ·d + (1 − ρ)·Δ²;  p' = p + lr·Δ. */
export function adadeltaF32(
  share: i32, shares: i32, _scratch: usize, p: usize, g: usize, a: usize, d: usize, out: usize, n: i32, lr: f32, rho: f32, eps: f32, flush: i32,
): void {
  const i0 = shareStart(n, 64, share, shares);
  const i1 = shareStart(n, 64, share + 1, shares);
  for (let i = i0; i < i1; i++) {
    const o = <usize>i * 4;
    const gi = load<f32>(g + o);
    const ai = fz(ema(load<f32>(a + o), rho, gi * gi), flush);
    store<f32>(a + o, ai);
    const di = load<f32>(d + o);
    const delta = -((Mathf.sqrt(di + eps) / Mathf.sqrt(ai + eps)) * gi);
    store<f32>(d + o, fz(ema(di, rho, delta * delta), flush));
    store<f32>(out + o, load<f32>(p + o) + delta * lr);
  }
}

/**
 * m ← β1·m + (1 − β1)·g;  u ← max(β2·u, |g|);  p' = p − α·m / (u + ε), α = lr / (1 − β1ᵗ).
 * The step takes m as 0 where α·m would be subnormal, as adamF32.
 */
export function adamaxF32(
  share: i32, shares: i32, scratch: usize, p: usize, g: usize, m: usize, u: usize, out: usize, n: i32, alpha: f32, beta1: f32, beta2: f32, eps: f32, flush: i32,
): void {
  const i0 = shareStart(n, 64, share, shares);
  const i1 = shareStart(n, 64, share + 1, shares);
  const body = i0 + ((i1 - i0) & ~3);
  if (flush) adamaxVectors(p, g, m, u, out, i0, body, alpha, beta1, beta2, eps, true);
  else adamaxVectors(p, g, m, u, out, i0, body, alpha, beta1, beta2, eps, false);
  if (body == i1) return;
  const t = tailIn(scratch, body, i1, p, g, m, u, 0);
  adamaxVectors(t, t + 16, t + 32, t + 48, t, 0, 4, alpha, beta1, beta2, eps, flush != 0);
  tailOut(t, body, i1, out, m, u, 0);
}

/** adamaxF32's formula four lanes at a time, operation by operation as the js rule. */
// @ts-ignore: decorator
@inline function adamaxVectors(
  p: usize, g: usize, m: usize, u: usize, out: usize, i0: i32, i1: i32, alpha: f32, beta1: f32, beta2: f32, eps: f32, flush: bool,
): void {
  const b1 = f32x4.splat(beta1);
  const c1 = f32x4.splat(1 - beta1);
  const b2 = f32x4.splat(beta2);
  const va = f32x4.splat(alpha);
  const ve = f32x4.splat(eps);
  const vt = f32x4.splat(normalFloor(alpha));
  for (let i = i0; i < i1; i += 4) {
    const o = <usize>i * 4;
    const gi = v128.load(g + o);
    const mi = slotEma4(m, o, b1, c1, gi, flush);
    const ui = fz4(fmax4(f32x4.mul(v128.load(u + o), b2), f32x4.abs(gi)), flush);
    v128.store(u + o, ui);
    const step = f32x4.div(f32x4.mul(cutTiny4(mi, vt), va), f32x4.add(ui, ve));
    v128.store(out + o, f32x4.sub(v128.load(p + o), step));
  }
}

/**
 * m ← β1·m + (1 − β1)·g;  v ← β2·v + (1 − β2)·g²;  m̂ = mScale·m + gScale·g;  v̂ = v / vDiv;
 * p' = p − lr·m̂ / (√v̂ + ε)  (Nadam; the scales carry its momentum schedule and bias corrections).
 * The step takes m̂ as 0 where lr·m̂ would be subnormal, as adamF32.
 */
export function nadamF32(
  share: i32, shares: i32, scratch: usize,
  p: usize, g: usize, m: usize, v: usize, out: usize, n: i32, lr: f32, beta1: f32, beta2: f32, eps: f32, mScale: f32, gScale: f32, vDiv: f32, flush: i32,
): void {
  const i0 = shareStart(n, 64, share, shares);
  const i1 = shareStart(n, 64, share + 1, shares);
  const body = i0 + ((i1 - i0) & ~3);
  if (flush) nadamVectors(p, g, m, v, out, i0, body, lr, beta1, beta2, eps, mScale, gScale, vDiv, true);
  else nadamVectors(p, g, m, v, out, i0, body, lr, beta1, beta2, eps, mScale, gScale, vDiv, false);
  if (body == i1) return;
  const t = tailIn(scratch, body, i1, p, g, m, v, 0);
  nadamVectors(t, t + 16, t + 32, t + 48, t, 0, 4, lr, beta1, beta2, eps, mScale, gScale, vDiv, flush != 0);
  tailOut(t, body, i1, out, m, v, 0);
}

/** nadamF32's formula four lanes at a time, operation by operation as the js rule. */
// @ts-ignore: decorator
@inline function nadamVectors(
  p: usize, g: usize, m: usize, v: usize, out: usize, i0: i32, i1: i32,
  lr: f32, beta1: f32, beta2: f32, eps: f32, mScale: f32, gScale: f32, vDiv: f32, flush: bool,
): void {
  const b1 = f32x4.splat(beta1);
  const c1 = f32x4.splat(1 - beta1);
  const b2 = f32x4.splat(beta2);
  const c2 = f32x4.splat(1 - beta2);
  const ms = f32x4.splat(mScale);
  const gs = f32x4.splat(gScale);
  const vd = f32x4.splat(vDiv);
  const vl = f32x4.splat(lr);
  const ve = f32x4.splat(eps);
  const vt = f32x4.splat(normalFloor(lr));
  for (let i = i0; i < i1; i += 4) {
    const o = <usize>i * 4;
    const gi = v128.load(g + o);
    const mi = slotEma4(m, o, b1, c1, gi, flush);
    const vi = slotEma4(v, o, b2, c2, f32x4.mul(gi, gi), flush);
    const mHat = cutTiny4(f32x4.add(f32x4.mul(mi, ms), f32x4.mul(gi, gs)), vt);
    const step = f32x4.div(f32x4.mul(mHat, vl), f32x4.add(f32x4.sqrt(f32x4.div(vi, vd)), ve));
    v128.store(out + o, f32x4.sub(v128.load(p + o), step));
  }
}
