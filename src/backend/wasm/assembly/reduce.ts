/**
 * Reductions over a tensor viewed as [outer, r, inner] (the caller moves and merges axes so the
 * reduced ones form the middle block): out[o, i] = op over j of x[o, j, i]. With inner = 1 each row
 * is reduced with four SIMD lanes; otherwise rows of `inner` values are combined lane-wise. Float32
 * sums are not here but in sum.ts (pairwise); int32 sums wrap and are exact in any order. Arg-max / arg-min along one axis: first
 * occurrence wins on ties and a NaN is the extreme value.
 */
import { fmax4, fmin4, shareStart } from "./simd";

export const R_SUM: i32 = 0;
export const R_MAX: i32 = 1;
export const R_MIN: i32 = 2;

// @ts-ignore: decorator
@inline function combineF(op: i32, acc: f32, v: f32): f32 {
  if (op == R_SUM) return acc + v;
  if (op == R_MAX) return v > acc || v != v ? v : acc;
  return v < acc || v != v ? v : acc;
}

// @ts-ignore: decorator
@inline function combineFV(op: i32, acc: v128, v: v128): v128 {
  if (op == R_SUM) return f32x4.add(acc, v);
  // the new value wins when it is more extreme or NaN; a NaN accumulator stays (as in the js backend)
  if (op == R_MAX) return fmax4(v, acc);
  return fmin4(v, acc);
}

// @ts-ignore: decorator
@inline function combineI(op: i32, acc: i32, v: i32): i32 {
  if (op == R_SUM) return acc + v;
  if (op == R_MAX) return v > acc ? v : acc;
  return v < acc ? v : acc;
}

// @ts-ignore: decorator
@inline function combineIV(op: i32, acc: v128, v: v128): v128 {
  if (op == R_SUM) return i32x4.add(acc, v);
  if (op == R_MAX) return i32x4.max_s(acc, v);
  return i32x4.min_s(acc, v);
}

// @ts-ignore: decorator
@inline function initF(op: i32): f32 {
  return op == R_SUM ? 0 : op == R_MAX ? -Infinity : Infinity;
}

// @ts-ignore: decorator
@inline function initI(op: i32): i32 {
  return op == R_SUM ? 0 : op == R_MAX ? i32.MIN_VALUE : i32.MAX_VALUE;
}

// @ts-ignore: decorator
@inline function rowsF(op: i32, x: usize, out: usize, o0: i32, o1: i32, r: i32): void {
  for (let o = o0; o < o1; o++) {
    const base = x + <usize>o * <usize>r * 4;
    let acc = f32x4.splat(initF(op));
    let j = 0;
    for (; j + 4 <= r; j += 4) acc = combineFV(op, acc, v128.load(base + <usize>j * 4));
    let s = initF(op);
    s = combineF(op, s, f32x4.extract_lane(acc, 0));
    s = combineF(op, s, f32x4.extract_lane(acc, 1));
    s = combineF(op, s, f32x4.extract_lane(acc, 2));
    s = combineF(op, s, f32x4.extract_lane(acc, 3));
    for (; j < r; j++) s = combineF(op, s, load<f32>(base + <usize>j * 4));
    store<f32>(out + <usize>o * 4, s);
  }
}

/**
 * out[o, i] = op over j of x[o, j, i] for i in [i0, i1): blocks of 16 columns accumulate in four
 * registers over all j (each element still sums in order j = 0, 1, …), the rest lane by lane.
 */
// @ts-ignore: decorator
@inline function colsF(op: i32, x: usize, out: usize, outer: i32, r: i32, inner: i32, i0: i32, i1: i32): void {
  const row = <usize>inner * 4;
  for (let o = 0; o < outer; o++) {
    const dst = out + <usize>o * row;
    const base = x + <usize>o * <usize>r * row;
    let i = i0;
    if (i1 > i0 && i1 - i0 <= 16 && ((i1 - i0) & 3) == 0) {
      // a short row (a bias's gradient over a batch of activations): one pass, all in registers
      const w = i1 - i0;
      let a0 = f32x4.splat(initF(op)), a1 = a0, a2 = a0, a3 = a0;
      let src = base + <usize>i0 * 4;
      for (let j = 0; j < r; j++) {
        a0 = combineFV(op, a0, v128.load(src));
        if (w > 4) a1 = combineFV(op, a1, v128.load(src, 16));
        if (w > 8) a2 = combineFV(op, a2, v128.load(src, 32));
        if (w > 12) a3 = combineFV(op, a3, v128.load(src, 48));
        src += row;
      }
      const d = dst + <usize>i0 * 4;
      v128.store(d, a0);
      if (w > 4) v128.store(d, a1, 16);
      if (w > 8) v128.store(d, a2, 32);
      if (w > 12) v128.store(d, a3, 48);
      continue;
    }
    for (; i + 16 <= i1; i += 16) {
      let a0 = f32x4.splat(initF(op)), a1 = a0, a2 = a0, a3 = a0;
      let src = base + <usize>i * 4;
      for (let j = 0; j < r; j++) {
        a0 = combineFV(op, a0, v128.load(src));
        a1 = combineFV(op, a1, v128.load(src, 16));
        a2 = combineFV(op, a2, v128.load(src, 32));
        a3 = combineFV(op, a3, v128.load(src, 48));
        src += row;
      }
      const d = dst + <usize>i * 4;
      v128.store(d, a0);
      v128.store(d, a1, 16);
      v128.store(d, a2, 32);
      v128.store(d, a3, 48);
    }
    for (; i + 4 <= i1; i += 4) {
      let a = f32x4.splat(initF(op));
      let src = base + <usize>i * 4;
      for (let j = 0; j < r; j++) {
        a = combineFV(op, a, v128.load(src));
        src += row;
      }
      v128.store(dst + <usize>i * 4, a);
    }
    for (; i < i1; i++) {
      let a = initF(op);
      let src = base + <usize>i * 4;
      for (let j = 0; j < r; j++) {
        a = combineF(op, a, load<f32>(src));
        src += row;
      }
      store<f32>(dst + <usize>i * 4, a);
    }
  }
}

// @ts-ignore: decorator
@inline function reduceF(op: i32, share: i32, shares: i32, x: usize, out: usize, outer: i32, r: i32, inner: i32): void {
  if (inner == 1) {
    rowsF(op, x, out, shareStart(outer, 1, share, shares), shareStart(outer, 1, share + 1, shares), r);
  } else {
    colsF(op, x, out, outer, r, inner, shareStart(inner, 16, share, shares), shareStart(inner, 16, share + 1, shares));
  }
}

/** float32 max / min of x viewed as [outer, r, inner] → out [outer, inner] (sums: sumPartsF32, which keeps them accurate). */
export function reduceF32(share: i32, shares: i32, _scratch: usize, op: i32, x: usize, out: usize, outer: i32, r: i32, inner: i32): void {
  if (op == R_MAX) reduceF(R_MAX, share, shares, x, out, outer, r, inner);
  else reduceF(R_MIN, share, shares, x, out, outer, r, inner);
}

// @ts-ignore: decorator
@inline function reduceI(op: i32, share: i32, shares: i32, x: usize, out: usize, outer: i32, r: i32, inner: i32): void {
  if (inner == 1) {
    const o0 = shareStart(outer, 1, share, shares);
    const o1 = shareStart(outer, 1, share + 1, shares);
    for (let o = o0; o < o1; o++) {
      const base = x + <usize>o * <usize>r * 4;
      let acc = i32x4.splat(initI(op));
      let j = 0;
      for (; j + 4 <= r; j += 4) acc = combineIV(op, acc, v128.load(base + <usize>j * 4));
      let s = initI(op);
      s = combineI(op, s, i32x4.extract_lane(acc, 0));
      s = combineI(op, s, i32x4.extract_lane(acc, 1));
      s = combineI(op, s, i32x4.extract_lane(acc, 2));
      s = combineI(op, s, i32x4.extract_lane(acc, 3));
      for (; j < r; j++) s = combineI(op, s, load<i32>(base + <usize>j * 4));
      store<i32>(out + <usize>o * 4, s);
    }
  } else {
    const i0 = shareStart(inner, 16, share, shares);
    const i1 = shareStart(inner, 16, share + 1, shares);
    for (let o = 0; o < outer; o++) {
      const dst = out + <usize>o * <usize>inner * 4;
      for (let i = i0; i < i1; i++) store<i32>(dst + <usize>i * 4, initI(op));
      for (let j = 0; j < r; j++) {
        const src = x + (<usize>o * <usize>r + <usize>j) * <usize>inner * 4;
        for (let i = i0; i < i1; i++) {
          const off = <usize>i * 4;
          store<i32>(dst + off, combineI(op, load<i32>(dst + off), load<i32>(src + off)));
        }
      }
    }
  }
}

/** int32 sum (wrapping) / max / min of x viewed as [outer, r, inner] → out [outer, inner]. */
export function reduceI32(share: i32, shares: i32, _scratch: usize, op: i32, x: usize, out: usize, outer: i32, r: i32, inner: i32): void {
  if (op == R_SUM) reduceI(R_SUM, share, shares, x, out, outer, r, inner);
  else if (op == R_MAX) reduceI(R_MAX, share, shares, x, out, outer, r, inner);
  else reduceI(R_MIN, share, shares, x, out, outer, r, inner);
}

/**
 * Index along the middle axis of the extreme value of x viewed as [outer, n, inner] (isMax: arg-max,
 * else arg-min), for float32 (isFloat) or int32 data, written as int32.
 */
export function argReduce(x: usize, out: usize, outer: i32, n: i32, inner: i32, isMax: bool, isFloat: bool): void {
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = x + (<usize>o * <usize>n * <usize>inner + <usize>i) * 4;
      const step = <usize>inner * 4;
      let bestIdx = 0;
      if (isFloat) {
        let best = load<f32>(base);
        for (let j = 1; j < n; j++) {
          const v = load<f32>(base + <usize>j * step);
          if (best == best && (isMax ? v > best : v < best) || (best == best && v != v)) {
            best = v;
            bestIdx = j;
          }
        }
      } else {
        let best = load<i32>(base);
        for (let j = 1; j < n; j++) {
          const v = load<i32>(base + <usize>j * step);
          if (isMax ? v > best : v < best) {
            best = v;
            bestIdx = j;
          }
        }
      }
      store<i32>(out + (<usize>o * <usize>inner + <usize>i) * 4, bestIdx);
    }
  }
}
