/**
 * where(cond, a, b) with broadcasting of all three: 32-bit lanes are selected bitwise, so one
 * kernel serves float32 and int32. cond is int32 (the caller turns a float cond into cond ≠ 0).
 */
import { shareStart } from "./simd";

// @ts-ignore: decorator
@inline function row(c: usize, sc: i32, a: usize, sa: i32, b: usize, sb: i32, o: usize, n: i32): void {
  let i = 0;
  const zero = i32x4.splat(0);
  if (sc == 1 && sa == 1 && sb == 1) {
    for (; i + 4 <= n; i += 4) {
      const off = <usize>i * 4;
      const m = i32x4.ne(v128.load(c + off), zero);
      v128.store(o + off, v128.bitselect(v128.load(a + off), v128.load(b + off), m));
    }
  } else if (sc == 1 && sa == 1 && sb == 0) {
    const vb = v128.load32_splat(b);
    for (; i + 4 <= n; i += 4) {
      const off = <usize>i * 4;
      const m = i32x4.ne(v128.load(c + off), zero);
      v128.store(o + off, v128.bitselect(v128.load(a + off), vb, m));
    }
  } else if (sc == 1 && sa == 0 && sb == 1) {
    const va = v128.load32_splat(a);
    for (; i + 4 <= n; i += 4) {
      const off = <usize>i * 4;
      const m = i32x4.ne(v128.load(c + off), zero);
      v128.store(o + off, v128.bitselect(va, v128.load(b + off), m));
    }
  }
  for (; i < n; i++) {
    const v = load<i32>(c + <usize>(i * sc) * 4) != 0 ? load<u32>(a + <usize>(i * sa) * 4) : load<u32>(b + <usize>(i * sb) * 4);
    store<u32>(o + <usize>i * 4, v);
  }
}

/** `dims` of the collapsed broadcast and element strides sc, sa, sb (0 on broadcast axes). */
export function where32(
  share: i32, shares: i32, scratch: usize,
  c: usize, a: usize, b: usize, o: usize, rank: i32, dims: usize, sc: usize, sa: usize, sb: usize,
): void {
  const last = rank - 1;
  const n = load<i32>(dims + <usize>last * 4);
  let rows = 1;
  for (let ax = 0; ax < last; ax++) rows *= load<i32>(dims + <usize>ax * 4);
  const r0 = shareStart(rows, 1, share, shares);
  const r1 = shareStart(rows, 1, share + 1, shares);
  const isc = load<i32>(sc + <usize>last * 4);
  const isa = load<i32>(sa + <usize>last * 4);
  const isb = load<i32>(sb + <usize>last * 4);
  const counter = scratch;
  let offC: i32 = 0;
  let offA: i32 = 0;
  let offB: i32 = 0;
  let rem = r0;
  for (let ax = last - 1; ax >= 0; ax--) {
    const d = load<i32>(dims + <usize>ax * 4);
    const k = rem % d;
    rem /= d;
    store<i32>(counter + <usize>ax * 4, k);
    offC += k * load<i32>(sc + <usize>ax * 4);
    offA += k * load<i32>(sa + <usize>ax * 4);
    offB += k * load<i32>(sb + <usize>ax * 4);
  }
  for (let r = r0; r < r1; r++) {
    row(c + <usize>offC * 4, isc, a + <usize>offA * 4, isa, b + <usize>offB * 4, isb, o + <usize>r * <usize>n * 4, n);
    for (let ax = last - 1; ax >= 0; ax--) {
      const p = counter + <usize>ax * 4;
      const k = load<i32>(p) + 1;
      const stC = load<i32>(sc + <usize>ax * 4);
      const stA = load<i32>(sa + <usize>ax * 4);
      const stB = load<i32>(sb + <usize>ax * 4);
      if (k < load<i32>(dims + <usize>ax * 4)) {
        store<i32>(p, k);
        offC += stC;
        offA += stA;
        offB += stB;
        break;
      }
      store<i32>(p, 0);
      offC -= (k - 1) * stC;
      offA -= (k - 1) * stA;
      offB -= (k - 1) * stB;
    }
  }
}
