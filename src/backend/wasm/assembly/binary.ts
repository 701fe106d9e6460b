/**
 * Binary element-wise kernels with NumPy broadcasting. The caller collapses the broadcast to the
 * fewest axes (shape `dims`, element strides `sa`, `sb` with 0 on broadcast axes); here the output
 * is walked row by row (the last axis), each row being one of four tight loops: both operands
 * contiguous, one of them a broadcast scalar, or general strides. Rows are split between shares.
 *
 * Families: f32 arithmetic (add sub mul div pow maximum minimum), i32 arithmetic (add sub mul
 * maximum minimum), and comparisons of f32 or i32 operands giving int32 0 / 1.
 */
import { fmax4, fmin4, shareStart } from "./simd";

export const B_ADD: i32 = 0;
export const B_SUB: i32 = 1;
export const B_MUL: i32 = 2;
export const B_DIV: i32 = 3;
export const B_POW: i32 = 4;
export const B_MAXIMUM: i32 = 5;
export const B_MINIMUM: i32 = 6;
export const C_EQUAL: i32 = 10;
export const C_NOT_EQUAL: i32 = 11;
export const C_GREATER: i32 = 12;
export const C_GREATER_EQUAL: i32 = 13;
export const C_LESS: i32 = 14;
export const C_LESS_EQUAL: i32 = 15;

const F32: i32 = 0;
const I32: i32 = 1;
const CMP_F32: i32 = 2;
const CMP_I32: i32 = 3;

// NaN-propagating max / min as the js backend computes them.
// @ts-ignore: decorator
@inline function fmax(a: f32, b: f32): f32 {
  return a != a || b != b ? NaN : a > b ? a : b;
}
// @ts-ignore: decorator
@inline function fmin(a: f32, b: f32): f32 {
  return a != a || b != b ? NaN : a < b ? a : b;
}

// @ts-ignore: decorator
@inline function scalarOp(fam: i32, op: i32, pa: usize, pb: usize, po: usize): void {
  if (fam == F32) {
    const a = load<f32>(pa);
    const b = load<f32>(pb);
    let r: f32;
    if (op == B_ADD) r = a + b;
    else if (op == B_SUB) r = a - b;
    else if (op == B_MUL) r = a * b;
    else if (op == B_DIV) r = a / b;
    else if (op == B_POW) r = <f32>Math.pow(<f64>a, <f64>b);
    else if (op == B_MAXIMUM) r = fmax(a, b);
    else r = fmin(a, b);
    store<f32>(po, r);
  } else if (fam == I32) {
    const a = load<i32>(pa);
    const b = load<i32>(pb);
    let r: i32;
    if (op == B_ADD) r = a + b;
    else if (op == B_SUB) r = a - b;
    else if (op == B_MUL) r = a * b;
    else if (op == B_MAXIMUM) r = a > b ? a : b;
    else r = a < b ? a : b;
    store<i32>(po, r);
  } else if (fam == CMP_F32) {
    const a = load<f32>(pa);
    const b = load<f32>(pb);
    let r: bool;
    if (op == C_EQUAL) r = a == b;
    else if (op == C_NOT_EQUAL) r = a != b;
    else if (op == C_GREATER) r = a > b;
    else if (op == C_GREATER_EQUAL) r = a >= b;
    else if (op == C_LESS) r = a < b;
    else r = a <= b;
    store<i32>(po, <i32>r);
  } else {
    const a = load<i32>(pa);
    const b = load<i32>(pb);
    let r: bool;
    if (op == C_EQUAL) r = a == b;
    else if (op == C_NOT_EQUAL) r = a != b;
    else if (op == C_GREATER) r = a > b;
    else if (op == C_GREATER_EQUAL) r = a >= b;
    else if (op == C_LESS) r = a < b;
    else r = a <= b;
    store<i32>(po, <i32>r);
  }
}

// @ts-ignore: decorator
@inline function hasVector(fam: i32, op: i32): bool {
  return op != B_POW && !(fam == I32 && op == B_DIV);
}

// @ts-ignore: decorator
@inline function vectorOp(fam: i32, op: i32, a: v128, b: v128): v128 {
  if (fam == F32) {
    if (op == B_ADD) return f32x4.add(a, b);
    if (op == B_SUB) return f32x4.sub(a, b);
    if (op == B_MUL) return f32x4.mul(a, b);
    if (op == B_DIV) return f32x4.div(a, b);
    if (op == B_MAXIMUM) return fmax4(a, b);
    return fmin4(a, b);
  }
  if (fam == I32) {
    if (op == B_ADD) return i32x4.add(a, b);
    if (op == B_SUB) return i32x4.sub(a, b);
    if (op == B_MUL) return i32x4.mul(a, b);
    if (op == B_MAXIMUM) return i32x4.max_s(a, b);
    return i32x4.min_s(a, b);
  }
  const one = i32x4.splat(1);
  if (fam == CMP_F32) {
    if (op == C_EQUAL) return v128.and(f32x4.eq(a, b), one);
    if (op == C_NOT_EQUAL) return v128.and(f32x4.ne(a, b), one);
    if (op == C_GREATER) return v128.and(f32x4.gt(a, b), one);
    if (op == C_GREATER_EQUAL) return v128.and(f32x4.ge(a, b), one);
    if (op == C_LESS) return v128.and(f32x4.lt(a, b), one);
    return v128.and(f32x4.le(a, b), one);
  }
  if (op == C_EQUAL) return v128.and(i32x4.eq(a, b), one);
  if (op == C_NOT_EQUAL) return v128.and(i32x4.ne(a, b), one);
  if (op == C_GREATER) return v128.and(i32x4.gt_s(a, b), one);
  if (op == C_GREATER_EQUAL) return v128.and(i32x4.ge_s(a, b), one);
  if (op == C_LESS) return v128.and(i32x4.lt_s(a, b), one);
  return v128.and(i32x4.le_s(a, b), one);
}

/** One output row of `n` elements; operand element strides sa, sb (0 = broadcast). */
// @ts-ignore: decorator
@inline function row(fam: i32, op: i32, a: usize, sa: i32, b: usize, sb: i32, o: usize, n: i32): void {
  let i = 0;
  if (hasVector(fam, op)) {
    if (sa == 1 && sb == 1) {
      for (; i + 4 <= n; i += 4) {
        const off = <usize>i * 4;
        v128.store(o + off, vectorOp(fam, op, v128.load(a + off), v128.load(b + off)));
      }
    } else if (sa == 1 && sb == 0) {
      const vb = v128.load32_splat(b);
      for (; i + 4 <= n; i += 4) {
        const off = <usize>i * 4;
        v128.store(o + off, vectorOp(fam, op, v128.load(a + off), vb));
      }
    } else if (sa == 0 && sb == 1) {
      const va = v128.load32_splat(a);
      for (; i + 4 <= n; i += 4) {
        const off = <usize>i * 4;
        v128.store(o + off, vectorOp(fam, op, va, v128.load(b + off)));
      }
    }
  }
  const ba = <usize>sa * 4;
  const bb = <usize>sb * 4;
  let pa = a + <usize>i * ba;
  let pb = b + <usize>i * bb;
  for (; i < n; i++) {
    scalarOp(fam, op, pa, pb, o + <usize>i * 4);
    pa += ba;
    pb += bb;
  }
}

/**
 * Rows of ≤ 16 elements where one operand repeats the same row (a bias added to every row of an
 * activation): the repeated row stays in registers and the loop only streams the other operand.
 */
// @ts-ignore: decorator
@inline function shortRows(fam: i32, op: i32, fixedIsA: bool, fixed: usize, other: usize, o: usize, r0: i32, r1: i32, n: i32): void {
  const f0 = v128.load(fixed);
  const f1 = n > 4 ? v128.load(fixed, 16) : f0;
  const f2 = n > 8 ? v128.load(fixed, 32) : f0;
  const f3 = n > 12 ? v128.load(fixed, 48) : f0;
  const row = <usize>n * 4;
  let p = other + <usize>r0 * row;
  let q = o + <usize>r0 * row;
  for (let r = r0; r < r1; r++) {
    const v0 = v128.load(p);
    v128.store(q, fixedIsA ? vectorOp(fam, op, f0, v0) : vectorOp(fam, op, v0, f0));
    if (n > 4) {
      const v1 = v128.load(p, 16);
      v128.store(q, fixedIsA ? vectorOp(fam, op, f1, v1) : vectorOp(fam, op, v1, f1), 16);
    }
    if (n > 8) {
      const v2 = v128.load(p, 32);
      v128.store(q, fixedIsA ? vectorOp(fam, op, f2, v2) : vectorOp(fam, op, v2, f2), 32);
    }
    if (n > 12) {
      const v3 = v128.load(p, 48);
      v128.store(q, fixedIsA ? vectorOp(fam, op, f3, v3) : vectorOp(fam, op, v3, f3), 48);
    }
    p += row;
    q += row;
  }
}

/** Walks this share's rows of the collapsed broadcast; `counter` is rank i32s of scratch. */
// @ts-ignore: decorator
@inline function walk(
  fam: i32, op: i32, share: i32, shares: i32, counter: usize,
  a: usize, b: usize, o: usize, rank: i32, dims: usize, sa: usize, sb: usize,
): void {
  const last = rank - 1;
  const n = load<i32>(dims + <usize>last * 4);
  const isa = load<i32>(sa + <usize>last * 4);
  const isb = load<i32>(sb + <usize>last * 4);
  let rows = 1;
  for (let ax = 0; ax < last; ax++) rows *= load<i32>(dims + <usize>ax * 4);
  const r0 = shareStart(rows, 1, share, shares);
  const r1 = shareStart(rows, 1, share + 1, shares);
  if (r1 <= r0) return;
  if (rank == 2 && n <= 16 && (n & 3) == 0 && isa == 1 && isb == 1 && hasVector(fam, op)) {
    const sa0 = load<i32>(sa);
    const sb0 = load<i32>(sb);
    if ((sa0 == 0 && sb0 == n) || (sb0 == 0 && sa0 == n)) {
      shortRows(fam, op, sa0 == 0, sa0 == 0 ? a : b, sa0 == 0 ? b : a, o, r0, r1, n);
      return;
    }
  }
  // coordinates and operand offsets of row r0
  let offA: i32 = 0;
  let offB: i32 = 0;
  let rem = r0;
  for (let ax = last - 1; ax >= 0; ax--) {
    const d = load<i32>(dims + <usize>ax * 4);
    const c = rem % d;
    rem /= d;
    store<i32>(counter + <usize>ax * 4, c);
    offA += c * load<i32>(sa + <usize>ax * 4);
    offB += c * load<i32>(sb + <usize>ax * 4);
  }
  for (let r = r0; r < r1; r++) {
    row(fam, op, a + <usize>offA * 4, isa, b + <usize>offB * 4, isb, o + <usize>r * <usize>n * 4, n);
    for (let ax = last - 1; ax >= 0; ax--) {
      const p = counter + <usize>ax * 4;
      const c = load<i32>(p) + 1;
      const stA = load<i32>(sa + <usize>ax * 4);
      const stB = load<i32>(sb + <usize>ax * 4);
      if (c < load<i32>(dims + <usize>ax * 4)) {
        store<i32>(p, c);
        offA += stA;
        offB += stB;
        break;
      }
      store<i32>(p, 0);
      offA -= (c - 1) * stA;
      offB -= (c - 1) * stB;
    }
  }
}

/**
 * The arithmetic both dtypes have (add sub mul maximum minimum) for family `fam`: each op its own
 * specialization of walk, picked by the run-time op code.
 */
// @ts-ignore: decorator
@inline function arith(
  fam: i32, share: i32, shares: i32, scratch: usize, op: i32, a: usize, b: usize, o: usize, rank: i32, dims: usize, sa: usize, sb: usize,
): void {
  switch (op) {
    case B_ADD: walk(fam, B_ADD, share, shares, scratch, a, b, o, rank, dims, sa, sb); break;
    case B_SUB: walk(fam, B_SUB, share, shares, scratch, a, b, o, rank, dims, sa, sb); break;
    case B_MUL: walk(fam, B_MUL, share, shares, scratch, a, b, o, rank, dims, sa, sb); break;
    case B_MAXIMUM: walk(fam, B_MAXIMUM, share, shares, scratch, a, b, o, rank, dims, sa, sb); break;
    default: walk(fam, B_MINIMUM, share, shares, scratch, a, b, o, rank, dims, sa, sb);
  }
}

/** The comparisons for family `fam` (CMP_F32 or CMP_I32) → int32 0 / 1, as arith picks its op. */
// @ts-ignore: decorator
@inline function compare(
  fam: i32, share: i32, shares: i32, scratch: usize, op: i32, a: usize, b: usize, o: usize, rank: i32, dims: usize, sa: usize, sb: usize,
): void {
  switch (op) {
    case C_EQUAL: walk(fam, C_EQUAL, share, shares, scratch, a, b, o, rank, dims, sa, sb); break;
    case C_NOT_EQUAL: walk(fam, C_NOT_EQUAL, share, shares, scratch, a, b, o, rank, dims, sa, sb); break;
    case C_GREATER: walk(fam, C_GREATER, share, shares, scratch, a, b, o, rank, dims, sa, sb); break;
    case C_GREATER_EQUAL: walk(fam, C_GREATER_EQUAL, share, shares, scratch, a, b, o, rank, dims, sa, sb); break;
    case C_LESS: walk(fam, C_LESS, share, shares, scratch, a, b, o, rank, dims, sa, sb); break;
    default: walk(fam, C_LESS_EQUAL, share, shares, scratch, a, b, o, rank, dims, sa, sb);
  }
}

/** float32 arithmetic: out = a op b (div and pow besides arith's). */
export function binaryF32(
  share: i32, shares: i32, scratch: usize, op: i32, a: usize, b: usize, o: usize, rank: i32, dims: usize, sa: usize, sb: usize,
): void {
  if (op == B_DIV) walk(F32, B_DIV, share, shares, scratch, a, b, o, rank, dims, sa, sb);
  else if (op == B_POW) walk(F32, B_POW, share, shares, scratch, a, b, o, rank, dims, sa, sb);
  else arith(F32, share, shares, scratch, op, a, b, o, rank, dims, sa, sb);
}

/** int32 arithmetic (wrapping): add sub mul maximum minimum. */
export function binaryI32(
  share: i32, shares: i32, scratch: usize, op: i32, a: usize, b: usize, o: usize, rank: i32, dims: usize, sa: usize, sb: usize,
): void {
  arith(I32, share, shares, scratch, op, a, b, o, rank, dims, sa, sb);
}

/** Comparisons of float32 operands → int32 0 / 1. */
export function compareF32(
  share: i32, shares: i32, scratch: usize, op: i32, a: usize, b: usize, o: usize, rank: i32, dims: usize, sa: usize, sb: usize,
): void {
  compare(CMP_F32, share, shares, scratch, op, a, b, o, rank, dims, sa, sb);
}

/** Comparisons of int32 operands → int32 0 / 1. */
export function compareI32(
  share: i32, shares: i32, scratch: usize, op: i32, a: usize, b: usize, o: usize, rank: i32, dims: usize, sa: usize, sb: usize,
): void {
  compare(CMP_I32, share, shares, scratch, op, a, b, o, rank, dims, sa, sb);
}
