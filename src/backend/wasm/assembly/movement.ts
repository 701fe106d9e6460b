/**
 * Data movement on 32-bit elements. One strided copy serves transpose, broadcastTo, slice, pad and
 * concat: the caller describes the source and destination as (collapsed) shapes with element
 * strides — permuted strides for a transpose, zero strides for a broadcast, an offset box for
 * slice / pad / concat. Rows whose strides are both 1 become memory.copy; a broadcast row a fill.
 */
import { shareStart } from "./simd";

// @ts-ignore: decorator
@inline function copyRow(src: usize, ss: i32, dst: usize, ds: i32, n: i32): void {
  if (ss == 1 && ds == 1) {
    memory.copy(dst, src, <usize>n * 4);
  } else if (ss == 0 && ds == 1) {
    const v = v128.load32_splat(src);
    let i = 0;
    for (; i + 4 <= n; i += 4) v128.store(dst + <usize>i * 4, v);
    const s = load<u32>(src);
    for (; i < n; i++) store<u32>(dst + <usize>i * 4, s);
  } else {
    const bs = <usize>ss * 4;
    const bd = <usize>ds * 4;
    let ps = src;
    let pd = dst;
    for (let i = 0; i < n; i++) {
      store<u32>(pd, load<u32>(ps));
      ps += bs;
      pd += bd;
    }
  }
}

/** Copies a box of shape `dims` from src (element strides ss) to dst (strides ds); rows split by share. */
export function copyStrided(
  share: i32, shares: i32, scratch: usize, src: usize, dst: usize, rank: i32, dims: usize, ss: usize, ds: usize,
): void {
  if (rank == 0) {
    if (share == 0) store<u32>(dst, load<u32>(src));
    return;
  }
  const last = rank - 1;
  const n = load<i32>(dims + <usize>last * 4);
  const iss = load<i32>(ss + <usize>last * 4);
  const ids = load<i32>(ds + <usize>last * 4);
  let rows = 1;
  for (let ax = 0; ax < last; ax++) rows *= load<i32>(dims + <usize>ax * 4);
  const r0 = shareStart(rows, 1, share, shares);
  const r1 = shareStart(rows, 1, share + 1, shares);
  const counter = scratch;
  let offS: i32 = 0;
  let offD: i32 = 0;
  let rem = r0;
  for (let ax = last - 1; ax >= 0; ax--) {
    const d = load<i32>(dims + <usize>ax * 4);
    const k = rem % d;
    rem /= d;
    store<i32>(counter + <usize>ax * 4, k);
    offS += k * load<i32>(ss + <usize>ax * 4);
    offD += k * load<i32>(ds + <usize>ax * 4);
  }
  for (let r = r0; r < r1; r++) {
    copyRow(src + <usize>offS * 4, iss, dst + <usize>offD * 4, ids, n);
    for (let ax = last - 1; ax >= 0; ax--) {
      const p = counter + <usize>ax * 4;
      const k = load<i32>(p) + 1;
      const stS = load<i32>(ss + <usize>ax * 4);
      const stD = load<i32>(ds + <usize>ax * 4);
      if (k < load<i32>(dims + <usize>ax * 4)) {
        store<i32>(p, k);
        offS += stS;
        offD += stD;
        break;
      }
      store<i32>(p, 0);
      offS -= (k - 1) * stS;
      offD -= (k - 1) * stD;
    }
  }
}

/** Transposes a [rows, cols] matrix of 32-bit elements into [cols, rows], in 4×4 SIMD blocks. */
export function transpose2d(share: i32, shares: i32, _scratch: usize, src: usize, dst: usize, rows: i32, cols: i32): void {
  const i0 = shareStart(rows, 4, share, shares);
  const i1 = shareStart(rows, 4, share + 1, shares);
  const ls = <usize>cols * 4;
  const ld = <usize>rows * 4;
  let i = i0;
  for (; i + 4 <= i1; i += 4) {
    let j = 0;
    for (; j + 4 <= cols; j += 4) {
      const s = src + (<usize>i * <usize>cols + <usize>j) * 4;
      const r0 = v128.load(s);
      const r1 = v128.load(s + ls);
      const r2 = v128.load(s + 2 * ls);
      const r3 = v128.load(s + 3 * ls);
      const t0 = v128.shuffle<i32>(r0, r1, 0, 4, 1, 5);
      const t1 = v128.shuffle<i32>(r0, r1, 2, 6, 3, 7);
      const t2 = v128.shuffle<i32>(r2, r3, 0, 4, 1, 5);
      const t3 = v128.shuffle<i32>(r2, r3, 2, 6, 3, 7);
      const d = dst + (<usize>j * <usize>rows + <usize>i) * 4;
      v128.store(d, v128.shuffle<i64>(t0, t2, 0, 2));
      v128.store(d + ld, v128.shuffle<i64>(t0, t2, 1, 3));
      v128.store(d + 2 * ld, v128.shuffle<i64>(t1, t3, 0, 2));
      v128.store(d + 3 * ld, v128.shuffle<i64>(t1, t3, 1, 3));
    }
    for (; j < cols; j++) {
      for (let q = 0; q < 4; q++) {
        store<u32>(dst + (<usize>j * <usize>rows + <usize>(i + q)) * 4, load<u32>(src + (<usize>(i + q) * <usize>cols + <usize>j) * 4));
      }
    }
  }
  for (; i < i1; i++) {
    for (let j = 0; j < cols; j++) {
      store<u32>(dst + (<usize>j * <usize>rows + <usize>i) * 4, load<u32>(src + (<usize>i * <usize>cols + <usize>j) * 4));
    }
  }
}

/** Fills n 32-bit elements with the bit pattern `bits`. */
export function fill32(share: i32, shares: i32, _scratch: usize, dst: usize, bits: u32, n: i32): void {
  const i0 = shareStart(n, 64, share, shares);
  const i1 = shareStart(n, 64, share + 1, shares);
  const v = i32x4.splat(bits);
  let i = i0;
  for (; i + 4 <= i1; i += 4) v128.store(dst + <usize>i * 4, v);
  for (; i < i1; i++) store<u32>(dst + <usize>i * 4, bits);
}

/** out[o, j, :] = x[o, idx[j], :] for x viewed as [outer, n, inner] and m indices. */
export function gather32(x: usize, idx: usize, out: usize, outer: i32, n: i32, m: i32, inner: i32): void {
  const row = <usize>inner * 4;
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < m; j++) {
      const src = x + (<usize>o * <usize>n + <usize>load<i32>(idx + <usize>j * 4)) * row;
      memory.copy(out + (<usize>o * <usize>m + <usize>j) * row, src, row);
    }
  }
}

/** out = zeros [outer, n, inner]; out[o, idx[j], :] += upd[o, j, :] in order, int32 (float32 takes scatterAddF32, pairwise). */
export function scatterAdd32(upd: usize, idx: usize, out: usize, outer: i32, n: i32, m: i32, inner: i32): void {
  memory.fill(out, 0, <usize>outer * <usize>n * <usize>inner * 4);
  const row = <usize>inner * 4;
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < m; j++) {
      const dst = out + (<usize>o * <usize>n + <usize>load<i32>(idx + <usize>j * 4)) * row;
      const src = upd + (<usize>o * <usize>m + <usize>j) * row;
      for (let i = 0; i < inner; i++) {
        const off = <usize>i * 4;
        store<i32>(dst + off, load<i32>(dst + off) + load<i32>(src + off));
      }
    }
  }
}
