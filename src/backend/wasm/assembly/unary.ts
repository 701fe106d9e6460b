/**
 * Unary element-wise kernels over contiguous float32 / int32 arrays. The op code is a constant in
 * each branch of the dispatching switch, so after inlining every op gets its own tight loop; ops with
 * a SIMD form (neg, abs, sqrt, floor, sign, relu, and exp through the softmax rows' exp4) process four
 * lanes per step. exp takes exp4 for every element, the last ones of a share too, so an element's
 * value does not depend on its position.
 */
import { shareStart } from "./simd";
import { exp1, exp4 } from "./softmax";

export const U_NEG: i32 = 0;
export const U_EXP: i32 = 1;
export const U_LOG: i32 = 2;
export const U_LOG1P: i32 = 3;
export const U_SQRT: i32 = 4;
export const U_ABS: i32 = 5;
export const U_SIGN: i32 = 6;
export const U_SIGMOID: i32 = 7;
export const U_TANH: i32 = 8;
export const U_SIN: i32 = 9;
export const U_COS: i32 = 10;
export const U_FLOOR: i32 = 11;
export const U_RELU: i32 = 12;
export const U_ERF: i32 = 13;

/** The error function in f64, the same algorithm as the js kernel (src/backend/js/activation.ts erf64). */
function erf64(x: f64): f64 {
  const a = Math.abs(x);
  let r: f64;
  if (!(a < 6)) r = a == a ? 1 : a;
  else if (a < 2.5) {
    const a2 = 2 * a * a;
    let term = a;
    let sum = a;
    for (let n = 1; n < 100 && term > sum * 1e-17; n++) {
      term *= a2 / <f64>(2 * n + 1);
      sum += term;
    }
    r = (2 / Math.sqrt(Math.PI)) * Math.exp(-a * a) * sum;
  } else {
    let k = a;
    for (let n = 60; n >= 1; n--) k = a + <f64>n / 2 / k;
    r = 1 - Math.exp(-a * a) / (Math.sqrt(Math.PI) * k);
  }
  return x < 0 ? -r : x == 0 ? x : r;
}

// @ts-ignore: decorator
@inline function scalarF32(op: i32, x: f32): f32 {
  switch (op) {
    case U_NEG: return -x;
    case U_EXP: return exp1(x);
    case U_LOG: return Mathf.log(x);
    case U_LOG1P: return Mathf.log1p(x);
    case U_SQRT: return Mathf.sqrt(x);
    case U_ABS: return Mathf.abs(x);
    case U_SIGN: return x > 0 ? 1 : x < 0 ? -1 : x;
    case U_SIGMOID: {
      if (x >= 0) return 1 / (1 + Mathf.exp(-x));
      const e = Mathf.exp(x);
      return e / (1 + e);
    }
    case U_TANH: return Mathf.tanh(x);
    case U_SIN: return Mathf.sin(x);
    case U_COS: return Mathf.cos(x);
    case U_RELU: return x <= 0 ? 0 : x;
    case U_ERF: return <f32>erf64(<f64>x);
    default: return Mathf.floor(x);
  }
}

// @ts-ignore: decorator
@inline function hasVector(op: i32): bool {
  return op == U_NEG || op == U_ABS || op == U_SQRT || op == U_FLOOR || op == U_SIGN || op == U_RELU || op == U_EXP;
}

// @ts-ignore: decorator
@inline function vectorF32(op: i32, v: v128): v128 {
  switch (op) {
    case U_NEG: return f32x4.neg(v);
    case U_ABS: return f32x4.abs(v);
    case U_SQRT: return f32x4.sqrt(v);
    case U_FLOOR: return f32x4.floor(v);
    case U_RELU: return v128.andnot(v, f32x4.le(v, f32x4.splat(0)));
    case U_EXP: return exp4(v);
    default: {
      // sign: 1 where x > 0, -1 where x < 0, x itself otherwise (±0 and NaN)
      const zero = f32x4.splat(0);
      const s = v128.bitselect(f32x4.splat(-1), v, f32x4.lt(v, zero));
      return v128.bitselect(f32x4.splat(1), s, f32x4.gt(v, zero));
    }
  }
}

// @ts-ignore: decorator
@inline function loopF32(op: i32, x: usize, out: usize, i0: i32, i1: i32): void {
  let i = i0;
  if (hasVector(op)) {
    for (; i + 4 <= i1; i += 4) v128.store(out + <usize>i * 4, vectorF32(op, v128.load(x + <usize>i * 4)));
  }
  for (; i < i1; i++) store<f32>(out + <usize>i * 4, scalarF32(op, load<f32>(x + <usize>i * 4)));
}

/** out[i] = op(x[i]) for float32, over this share of [0, n). */
export function unaryF32(share: i32, shares: i32, _scratch: usize, op: i32, x: usize, out: usize, n: i32): void {
  const i0 = shareStart(n, 64, share, shares);
  const i1 = shareStart(n, 64, share + 1, shares);
  switch (op) {
    case U_NEG: loopF32(U_NEG, x, out, i0, i1); break;
    case U_EXP: loopF32(U_EXP, x, out, i0, i1); break;
    case U_LOG: loopF32(U_LOG, x, out, i0, i1); break;
    case U_LOG1P: loopF32(U_LOG1P, x, out, i0, i1); break;
    case U_SQRT: loopF32(U_SQRT, x, out, i0, i1); break;
    case U_ABS: loopF32(U_ABS, x, out, i0, i1); break;
    case U_SIGN: loopF32(U_SIGN, x, out, i0, i1); break;
    case U_SIGMOID: loopF32(U_SIGMOID, x, out, i0, i1); break;
    case U_TANH: loopF32(U_TANH, x, out, i0, i1); break;
    case U_SIN: loopF32(U_SIN, x, out, i0, i1); break;
    case U_COS: loopF32(U_COS, x, out, i0, i1); break;
    case U_RELU: loopF32(U_RELU, x, out, i0, i1); break;
    case U_ERF: loopF32(U_ERF, x, out, i0, i1); break;
    default: loopF32(U_FLOOR, x, out, i0, i1);
  }
}

// @ts-ignore: decorator
@inline function loopI32(op: i32, x: usize, out: usize, i0: i32, i1: i32): void {
  let i = i0;
  const zero = i32x4.splat(0);
  for (; i + 4 <= i1; i += 4) {
    const v = v128.load(x + <usize>i * 4);
    let r: v128;
    if (op == U_NEG) r = i32x4.neg(v);
    else if (op == U_ABS) r = i32x4.abs(v);
    else if (op == U_SIGN) r = v128.or(v128.and(i32x4.gt_s(v, zero), i32x4.splat(1)), i32x4.lt_s(v, zero));
    else if (op == U_RELU) r = v128.andnot(v, i32x4.le_s(v, zero));
    else r = v;
    v128.store(out + <usize>i * 4, r);
  }
  for (; i < i1; i++) {
    const v = load<i32>(x + <usize>i * 4);
    let r: i32;
    if (op == U_NEG) r = -v;
    else if (op == U_ABS) r = v < 0 ? -v : v;
    else if (op == U_SIGN) r = v > 0 ? 1 : v < 0 ? -1 : 0;
    else if (op == U_RELU) r = v <= 0 ? 0 : v;
    else r = v;
    store<i32>(out + <usize>i * 4, r);
  }
}

/** out[i] = op(x[i]) for int32 (neg, abs, sign; floor and the rest copy). */
export function unaryI32(share: i32, shares: i32, _scratch: usize, op: i32, x: usize, out: usize, n: i32): void {
  const i0 = shareStart(n, 64, share, shares);
  const i1 = shareStart(n, 64, share + 1, shares);
  switch (op) {
    case U_NEG: loopI32(U_NEG, x, out, i0, i1); break;
    case U_ABS: loopI32(U_ABS, x, out, i0, i1); break;
    case U_SIGN: loopI32(U_SIGN, x, out, i0, i1); break;
    case U_RELU: loopI32(U_RELU, x, out, i0, i1); break;
    default: loopI32(U_FLOOR, x, out, i0, i1);
  }
}

/** float32 → int32 as JavaScript stores a truncated number into an Int32Array: modulo 2³², NaN and ±∞ → 0. */
// @ts-ignore: decorator
@inline function toInt32(x: f32): i32 {
  if (Mathf.abs(x) < 2147483648.0) return <i32>x;
  if (!isFinite<f32>(x)) return 0;
  const t = <f64>x;
  return <i32><u32>(t - Math.floor(t / 4294967296.0) * 4294967296.0);
}

export function castF32ToI32(share: i32, shares: i32, _scratch: usize, x: usize, out: usize, n: i32): void {
  const i0 = shareStart(n, 64, share, shares);
  const i1 = shareStart(n, 64, share + 1, shares);
  const limit = f32x4.splat(2147483648.0);
  let i = i0;
  for (; i + 4 <= i1; i += 4) {
    const v = v128.load(x + <usize>i * 4);
    if (v128.all_true<i32>(f32x4.lt(f32x4.abs(v), limit))) {
      v128.store(out + <usize>i * 4, i32x4.trunc_sat_f32x4_s(v));
    } else {
      for (let j = 0; j < 4; j++) store<i32>(out + <usize>(i + j) * 4, toInt32(load<f32>(x + <usize>(i + j) * 4)));
    }
  }
  for (; i < i1; i++) store<i32>(out + <usize>i * 4, toInt32(load<f32>(x + <usize>i * 4)));
}

/** int32 → float32 (rounded to nearest). */
export function castI32ToF32(share: i32, shares: i32, _scratch: usize, x: usize, out: usize, n: i32): void {
  const i0 = shareStart(n, 64, share, shares);
  const i1 = shareStart(n, 64, share + 1, shares);
  let i = i0;
  for (; i + 4 <= i1; i += 4) v128.store(out + <usize>i * 4, f32x4.convert_i32x4_s(v128.load(x + <usize>i * 4)));
  for (; i < i1; i++) store<f32>(out + <usize>i * 4, <f32>load<i32>(x + <usize>i * 4));
}

/** relu's gradient: out = x ≤ 0 ? 0 : g (32-bit lanes of g; x float32, or int32 when xInt). */
export function reluGrad32(share: i32, shares: i32, _scratch: usize, x: usize, g: usize, out: usize, n: i32, xInt: bool): void {
  const i0 = shareStart(n, 64, share, shares);
  const i1 = shareStart(n, 64, share + 1, shares);
  const zero = i32x4.splat(0);
  let i = i0;
  for (; i + 4 <= i1; i += 4) {
    const o = <usize>i * 4;
    const v = v128.load(x + o);
    const off = xInt ? i32x4.le_s(v, zero) : f32x4.le(v, zero);
    v128.store(out + o, v128.andnot(v128.load(g + o), off));
  }
  for (; i < i1; i++) {
    const o = <usize>i * 4;
    const off = xInt ? load<i32>(x + o) <= 0 : load<f32>(x + o) <= 0;
    store<u32>(out + o, off ? 0 : load<u32>(g + o));
  }
}
