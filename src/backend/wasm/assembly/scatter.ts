/**
 * Float32 scatter-add, gather's gradient: out[o, d, :] = Σ over j with idx[j] = d of upd[o, j, :].
 * A destination that receives many rows (a frequent token, a gathered label) would drift in a running
 * float32 sum, so each destination's rows are summed in blocks of BLOCK merged pairwise, as sum.ts does.
 */

/** Rows summed one after another before the pairwise merge. */
const BLOCK: i32 = 16;

/** dst[0..n) = a[0..n) + dst[0..n) (a first: the earlier, larger partial). */
// @ts-ignore: decorator
@inline function addRow(dst: usize, a: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i * 4;
    v128.store(dst + o, f32x4.add(v128.load(a + o), v128.load(dst + o)));
  }
  for (; i < n; i++) {
    const o = <usize>i * 4;
    store<f32>(dst + o, load<f32>(a + o) + load<f32>(dst + o));
  }
}

/**
 * Groups positions 0..m-1 by their index (a stable counting sort): afterwards value d's positions are
 * order[(d ? start[d - 1] : 0) .. start[d]).
 */
function group(idx: usize, m: i32, n: i32, start: usize, order: usize): void {
  memory.fill(start, 0, <usize>(n + 1) * 4);
  for (let j = 0; j < m; j++) {
    const p = start + <usize>(load<i32>(idx + <usize>j * 4) + 1) * 4;
    store<i32>(p, load<i32>(p) + 1);
  }
  for (let d = 0; d < n; d++) store<i32>(start + <usize>(d + 1) * 4, load<i32>(start + <usize>(d + 1) * 4) + load<i32>(start + <usize>d * 4));
  for (let j = 0; j < m; j++) {
    const p = start + <usize>load<i32>(idx + <usize>j * 4) * 4;
    const at = load<i32>(p);
    store<i32>(order + <usize>at * 4, j);
    store<i32>(p, at + 1);
  }
}

/**
 * out (outer × n rows of inner floats) = the rows of upd (outer × m) added by index. start (n + 1
 * int32) and order (m int32) are scratch for the grouping; levels holds the partial rows of the
 * pairwise merge (one row of inner floats per level, ⌈log2(m / BLOCK + 1)⌉ levels at most).
 */
export function scatterAddF32(upd: usize, idx: usize, out: usize, outer: i32, n: i32, m: i32, inner: i32, start: usize, order: usize, levels: usize): void {
  group(idx, m, n, start, order);
  const row = <usize>inner * 4;
  for (let o = 0; o < outer; o++) {
    const src = upd + <usize>o * <usize>m * row;
    for (let d = 0; d < n; d++) {
      const dst = out + (<usize>o * <usize>n + <usize>d) * row;
      const b = d ? load<i32>(start + <usize>(d - 1) * 4) : 0;
      const e = load<i32>(start + <usize>d * 4);
      if (b == e) {
        memory.fill(dst, 0, row);
        continue;
      }
      let count: u32 = 0;
      for (let t = b; t < e; t += BLOCK) {
        // the block's sum in dst, then merged with the stored partials of equal weight
        memory.copy(dst, src + <usize>load<i32>(order + <usize>t * 4) * row, row);
        const te = min(t + BLOCK, e);
        for (let q = t + 1; q < te; q++) addRow(dst, src + <usize>load<i32>(order + <usize>q * 4) * row, inner);
        let level: usize = 0;
        for (let c = count; c & 1; c >>= 1) addRow(dst, levels + level++ * row, inner);
        memory.copy(levels + level * row, dst, row);
        count++;
      }
      // dst holds the last block's merge, the highest level written; add the other stored levels
      let top: usize = 0;
      for (let c = count - 1; c & 1; c >>= 1) top++;
      for (let level: usize = top + 1, c = count >> <u32>(top + 1); c != 0; level++, c >>= 1) {
        if (c & 1) addRow(dst, levels + level * row, inner);
      }
    }
  }
}
