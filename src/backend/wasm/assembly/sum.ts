/**
 * Float32 sums that stay accurate at any length. x, viewed as [outer, r, inner], is summed along r in
 * parts of `partRows` rows (the caller fixes partRows from the shape alone, never from the thread
 * count, so a result is the same on any number of threads). Within a part, short blocks accumulate
 * in SIMD registers and the block sums merge pairwise; the parts' sums then merge pairwise too
 * (sumMergeF32). The rounding error so grows with log2(r), as in NumPy's pairwise summation, instead
 * of with r, as a running sum's does (1 % lost over 1e7 terms).
 */
import { lineStart, shareStart } from "./simd";

/** Elements of a contiguous row summed in 16 lanes (16 terms each) before the pairwise merge. */
const ROW_BLOCK: i32 = 256;
/** Rows of a column strip summed in registers before the pairwise merge. */
const COL_BLOCK: i32 = 16;
/** Columns per strip: four SIMD registers. */
const STRIP: i32 = 16;

/** The four lane sums of n ≤ ROW_BLOCK floats at p (n a multiple of 4), in 16 lanes. */
// @ts-ignore: decorator
@inline function rowBlock(p: usize, n: i32): v128 {
  let a0 = f32x4.splat(0), a1 = a0, a2 = a0, a3 = a0;
  let j = 0;
  for (; j + 16 <= n; j += 16) {
    const q = p + <usize>j * 4;
    a0 = f32x4.add(a0, v128.load(q));
    a1 = f32x4.add(a1, v128.load(q, 16));
    a2 = f32x4.add(a2, v128.load(q, 32));
    a3 = f32x4.add(a3, v128.load(q, 48));
  }
  for (; j < n; j += 4) a0 = f32x4.add(a0, v128.load(p + <usize>j * 4));
  return f32x4.add(f32x4.add(a0, a1), f32x4.add(a2, a3));
}

/** The four lane sums of n floats at p (n a multiple of 4): blocks of ROW_BLOCK merged pairwise. */
function rowPairs(p: usize, n: i32): v128 {
  if (n <= ROW_BLOCK) return rowBlock(p, n);
  // split at a whole number of blocks, so every leaf but the last is a full block
  const half = (((n / ROW_BLOCK) + 1) >> 1) * ROW_BLOCK;
  return f32x4.add(rowPairs(p, half), rowPairs(p + <usize>half * 4, n - half));
}

/** Σ of the n contiguous floats at p. */
// @ts-ignore: decorator
@inline function rowSum(p: usize, n: i32): f32 {
  const n4 = n & ~3;
  let s: f32 = 0;
  if (n4 > 0) {
    const v = n4 <= ROW_BLOCK ? rowBlock(p, n4) : rowPairs(p, n4);
    s = (f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1)) + (f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3));
  }
  for (let j = n4; j < n; j++) s += load<f32>(p + <usize>j * 4);
  return s;
}

/**
 * Column sums of `rows` rows (`row` bytes apart) of nv·4 floats at src, into dst: blocks of COL_BLOCK
 * rows in registers, block sums merged pairwise with a binary counter whose levels live at stack.
 */
// @ts-ignore: decorator
@inline function colStrip(src: usize, row: usize, rows: i32, nv: i32, dst: usize, stack: usize): void {
  const zero = f32x4.splat(0);
  let count: u32 = 0;
  let j = 0;
  while (j < rows) {
    const end = min(j + COL_BLOCK, rows);
    let a0 = zero, a1 = zero, a2 = zero, a3 = zero;
    for (; j < end; j++) {
      a0 = f32x4.add(a0, v128.load(src));
      if (nv > 1) a1 = f32x4.add(a1, v128.load(src, 16));
      if (nv > 2) a2 = f32x4.add(a2, v128.load(src, 32));
      if (nv > 3) a3 = f32x4.add(a3, v128.load(src, 48));
      src += row;
    }
    // a block completes every level it fills: merge with the stored sums of equal weight
    let level: usize = 0;
    for (let c = count; c & 1; c >>= 1) {
      const s = stack + level * 64;
      a0 = f32x4.add(v128.load(s), a0);
      a1 = f32x4.add(v128.load(s, 16), a1);
      a2 = f32x4.add(v128.load(s, 32), a2);
      a3 = f32x4.add(v128.load(s, 48), a3);
      level++;
    }
    const s = stack + level * 64;
    v128.store(s, a0);
    v128.store(s, a1, 16);
    v128.store(s, a2, 32);
    v128.store(s, a3, 48);
    count++;
  }
  let r0 = zero, r1 = zero, r2 = zero, r3 = zero;
  for (let level: usize = 0; count != 0; level++, count >>= 1) {
    if (!(count & 1)) continue;
    const s = stack + level * 64;
    r0 = f32x4.add(v128.load(s), r0);
    r1 = f32x4.add(v128.load(s, 16), r1);
    r2 = f32x4.add(v128.load(s, 32), r2);
    r3 = f32x4.add(v128.load(s, 48), r3);
  }
  v128.store(dst, r0);
  if (nv > 1) v128.store(dst, r1, 16);
  if (nv > 2) v128.store(dst, r2, 32);
  if (nv > 3) v128.store(dst, r3, 48);
}

/** colStrip for one column. */
// @ts-ignore: decorator
@inline function colOne(src: usize, row: usize, rows: i32, dst: usize, stack: usize): void {
  let count: u32 = 0;
  let j = 0;
  while (j < rows) {
    const end = min(j + COL_BLOCK, rows);
    let a: f32 = 0;
    for (; j < end; j++) {
      a += load<f32>(src);
      src += row;
    }
    let level: usize = 0;
    for (let c = count; c & 1; c >>= 1) a = load<f32>(stack + 4 * level++) + a;
    store<f32>(stack + 4 * level, a);
    count++;
  }
  let r: f32 = 0;
  for (let level: usize = 0; count != 0; level++, count >>= 1) if (count & 1) r = load<f32>(stack + 4 * level) + r;
  store<f32>(dst, r);
}

/**
 * Sums of x viewed as [outer, r, inner] along r, part by part: part p of row block o (rows
 * [p·partRows, (p+1)·partRows)) goes to dst[(o·parts + p)·inner + i] (dst is the output itself when
 * there is one part). Shares take runs of (o, p, strip of 16 columns) items.
 */
export function sumPartsF32(share: i32, shares: i32, scratch: usize, x: usize, dst: usize, outer: i32, r: i32, inner: i32, partRows: i32): void {
  const parts = max(1, (r + partRows - 1) / partRows);
  const strips = (inner + STRIP - 1) / STRIP;
  // items ≤ elements < 2^31: each holds at least one element
  const items = outer * parts * strips;
  const k0 = shareStart(items, 1, share, shares);
  const k1 = shareStart(items, 1, share + 1, shares);
  const row = <usize>inner * 4;
  let s = k0 % strips;
  let p = (k0 / strips) % parts;
  let o = k0 / strips / parts;
  for (let k = k0; k < k1; k++) {
    const j0 = p * partRows;
    const rows = min(partRows, r - j0);
    const out = dst + <usize>(o * parts + p) * row;
    const src = x + (<usize>o * <usize>r + <usize>j0) * row;
    if (inner == 1) {
      store<f32>(out, rowSum(src, rows));
    } else {
      const i0 = s * STRIP;
      const w = min(STRIP, inner - i0);
      const nv = w >> 2;
      const c = <usize>i0 * 4;
      if (nv == 4) colStrip(src + c, row, rows, 4, out + c, scratch);
      else if (nv > 0) colStrip(src + c, row, rows, nv, out + c, scratch);
      for (let i = i0 + nv * 4; i < i0 + w; i++) colOne(src + <usize>i * 4, row, rows, out + <usize>i * 4, scratch);
    }
    if (++s == strips) {
      s = 0;
      if (++p == parts) {
        p = 0;
        o++;
      }
    }
  }
}

/** Σ of n floats `stride` bytes apart at p, halves merged pairwise. */
function pairStrided(p: usize, n: i32, stride: usize): f32 {
  if (n == 1) return load<f32>(p);
  if (n == 2) return load<f32>(p) + load<f32>(p + stride);
  const half = n >> 1;
  return pairStrided(p, half, stride) + pairStrided(p + <usize>half * stride, n - half, stride);
}

/** out[o, i] = pairwise Σ over p of parts[o, p, i] (parts as sumPartsF32 wrote them). */
export function sumMergeF32(share: i32, shares: i32, _scratch: usize, parts: usize, out: usize, outer: i32, count: i32, inner: i32): void {
  const items = outer * inner;
  const k0 = shareStart(items, 1, share, shares);
  const k1 = shareStart(items, 1, share + 1, shares);
  const stride = <usize>inner * 4;
  for (let k = k0; k < k1; k++) store<f32>(out + <usize>k * 4, pairStrided(parts + lineStart(k, count, inner), count, stride));
}
