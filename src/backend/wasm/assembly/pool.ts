/**
 * 2-D pooling over NHWC tensors and its gradients. Windows are visited in output order; within a
 * window the valid cells (inside the unpadded image) are visited row-major, and channels run as
 * SIMD lanes. Max pooling picks, per channel, the first cell holding the maximum — or the first NaN —
 * exactly as the js backend does, so the gradient is routed to the same cell.
 *
 * Geometry words at `g` (int32): n h w c oh ow ph pw sh sw padTop padLeft.
 */
import { fmax4, shareStart } from "./simd";

// @ts-ignore: decorator
@inline function geo(g: usize, i: i32): i32 {
  return load<i32>(g + <usize>i * 4);
}

/**
 * Max pooling and its two transposes, per window with 4 channels per SIMD lane group. The window's
 * maximum m comes first (the first NaN, if any, wins); then the cells are visited again in order and the
 * first cell equal to m — or the first NaN — is the arg-max ("hit"), exactly the js backend's rule.
 * mode 0 = maxPool2d (store m), 1 = maxPool2dGrad (dy to the hit cell of dx), 2 = maxPool2dSelect
 * (g at the hit cell). When the windows tile the input exactly, the gradient is stored once per
 * cell; otherwise dx is zeroed and windows add into it.
 */
// @ts-ignore: decorator
@inline function maxWindows(mode: i32, share: i32, shares: i32, x: usize, other: usize, out: usize, g: usize): void {
  const n = geo(g, 0), h = geo(g, 1), w = geo(g, 2), c = geo(g, 3), oh = geo(g, 4), ow = geo(g, 5);
  const ph = geo(g, 6), pw = geo(g, 7), sh = geo(g, 8), sw = geo(g, 9), pt = geo(g, 10), pl = geo(g, 11);
  const b0 = shareStart(n, 1, share, shares);
  const b1 = shareStart(n, 1, share + 1, shares);
  const tiles = pt == 0 && pl == 0 && ph == sh && pw == sw && oh * sh == h && ow * sw == w;
  if (tiles && ph == 2 && pw == 2 && (c & 3) == 0) {
    maxPool2x2(mode, shareStart(n, 1, share, shares), shareStart(n, 1, share + 1, shares), x, other, out, oh, ow, c);
    return;
  }
  const image = <usize>(h * w * c) * 4;
  if (mode == 1 && !tiles) memory.fill(out + <usize>b0 * image, 0, <usize>(b1 - b0) * image);
  const rowBytes = <usize>(w * c) * 4;
  const cellBytes = <usize>c * 4;
  const zero = f32x4.splat(0);
  let o = <usize>(b0 * oh * ow * c) * 4;
  for (let b = b0; b < b1; b++) {
    for (let oy = 0; oy < oh; oy++) {
      const y0 = max(oy * sh - pt, 0);
      const y1 = min(oy * sh - pt + ph, h);
      for (let ox = 0; ox < ow; ox++) {
        const x0 = max(ox * sw - pl, 0);
        const x1 = min(ox * sw - pl + pw, w);
        const empty = y1 <= y0 || x1 <= x0;
        // byte offset of the window's first valid cell (in x, and in dx / g which share x's shape)
        const corner = <usize>b * image + <usize>y0 * rowBytes + <usize>x0 * cellBytes;
        let ch = 0;
        // eight channels at a time: two independent dependency chains
        for (; ch + 8 <= c && !empty; ch += 8) {
          const off = <usize>ch * 4;
          let m0 = f32x4.splat(-Infinity);
          let m1 = m0;
          let row = corner + off;
          for (let iy = y0; iy < y1; iy++) {
            let cell = row;
            for (let ix = x0; ix < x1; ix++) {
              m0 = fmax4(v128.load(x + cell), m0);
              m1 = fmax4(v128.load(x + cell, 16), m1);
              cell += cellBytes;
            }
            row += rowBytes;
          }
          if (mode == 0) {
            v128.store(out + o + off, m0);
            v128.store(out + o + off, m1, 16);
            continue;
          }
          let found0 = i32x4.splat(0);
          let found1 = found0;
          let picked0 = zero;
          let picked1 = zero;
          const d0 = mode == 1 ? v128.load(other + o + off) : zero;
          const d1 = mode == 1 ? v128.load(other + o + off, 16) : zero;
          row = corner + off;
          for (let iy = y0; iy < y1; iy++) {
            let cell = row;
            for (let ix = x0; ix < x1; ix++) {
              const v0 = v128.load(x + cell);
              const v1 = v128.load(x + cell, 16);
              const hit0 = v128.andnot(v128.or(f32x4.eq(v0, m0), f32x4.ne(v0, v0)), found0);
              const hit1 = v128.andnot(v128.or(f32x4.eq(v1, m1), f32x4.ne(v1, v1)), found1);
              found0 = v128.or(found0, hit0);
              found1 = v128.or(found1, hit1);
              if (mode == 1) {
                const add0 = v128.and(d0, hit0);
                const add1 = v128.and(d1, hit1);
                v128.store(out + cell, tiles ? add0 : f32x4.add(v128.load(out + cell), add0));
                v128.store(out + cell, tiles ? add1 : f32x4.add(v128.load(out + cell, 16), add1), 16);
              } else {
                picked0 = v128.bitselect(v128.load(other + cell), picked0, hit0);
                picked1 = v128.bitselect(v128.load(other + cell, 16), picked1, hit1);
              }
              cell += cellBytes;
            }
            row += rowBytes;
          }
          if (mode == 2) {
            v128.store(out + o + off, picked0);
            v128.store(out + o + off, picked1, 16);
          }
        }
        for (; ch + 4 <= c && !empty; ch += 4) {
          const off = <usize>ch * 4;
          let m = f32x4.splat(-Infinity);
          let row = corner + off;
          for (let iy = y0; iy < y1; iy++) {
            let cell = row;
            for (let ix = x0; ix < x1; ix++) {
              m = fmax4(v128.load(x + cell), m);
              cell += cellBytes;
            }
            row += rowBytes;
          }
          if (mode == 0) {
            v128.store(out + o + off, m);
            continue;
          }
          let found = i32x4.splat(0);
          let picked = zero;
          const d = mode == 1 ? v128.load(other + o + off) : zero;
          row = corner + off;
          for (let iy = y0; iy < y1; iy++) {
            let cell = row;
            for (let ix = x0; ix < x1; ix++) {
              const v = v128.load(x + cell);
              const hit = v128.andnot(v128.or(f32x4.eq(v, m), f32x4.ne(v, v)), found);
              found = v128.or(found, hit);
              if (mode == 1) {
                const add = v128.and(d, hit);
                v128.store(out + cell, tiles ? add : f32x4.add(v128.load(out + cell), add));
              } else {
                picked = v128.bitselect(v128.load(other + cell), picked, hit);
              }
              cell += cellBytes;
            }
            row += rowBytes;
          }
          if (mode == 2) v128.store(out + o + off, picked);
        }
        for (; ch < c; ch++) {
          const off = <usize>ch * 4;
          if (empty) {
            if (mode == 0) store<f32>(out + o + off, -Infinity);
            else if (mode == 2) store<f32>(out + o + off, 0);
            continue;
          }
          let m: f32 = -Infinity;
          let hitCell: usize = corner + off;
          let row = corner + off;
          for (let iy = y0; iy < y1; iy++) {
            let cell = row;
            for (let ix = x0; ix < x1; ix++) {
              const v = load<f32>(x + cell);
              if (m == m && (v > m || v != v)) {
                m = v;
                hitCell = cell;
              }
              if (mode == 1 && tiles) store<f32>(out + cell, 0);
              cell += cellBytes;
            }
            row += rowBytes;
          }
          if (mode == 0) store<f32>(out + o + off, m);
          else if (mode == 2) store<f32>(out + o + off, load<f32>(other + hitCell));
          else store<f32>(out + hitCell, load<f32>(out + hitCell) + load<f32>(other + o + off));
        }
        o += cellBytes;
      }
    }
  }
}

/**
 * The common case of maxWindows — 2×2 windows with stride 2 tiling the input, channels a multiple of
 * 4 — with the window held in registers: one pass over x for all three modes, the same maximum and
 * the same arg-max rule (first cell equal to the maximum, or the first NaN).
 */
// @ts-ignore: decorator
@inline function maxPool2x2(mode: i32, b0: i32, b1: i32, x: usize, other: usize, out: usize, oh: i32, ow: i32, c: i32): void {
  const cellBytes = <usize>c * 4;
  const rowBytes = <usize>(2 * ow) * cellBytes;
  for (let r = b0 * oh; r < b1 * oh; r++) {
    // input rows 2r and 2r+1 (images are stacked, so output row r of all images is input rows 2r, 2r+1)
    let top = x + <usize>r * 2 * rowBytes;
    let xo = <usize>r * 2 * rowBytes;
    let o = <usize>(r * ow) * cellBytes;
    for (let ox = 0; ox < ow; ox++) {
      for (let ch: usize = 0; ch < cellBytes; ch += 16) {
        const a = top + ch;
        const v00 = v128.load(a);
        const v01 = v128.load(a + cellBytes);
        const v10 = v128.load(a + rowBytes);
        const v11 = v128.load(a + rowBytes + cellBytes);
        const m = fmax4(v11, fmax4(v10, fmax4(v01, v00)));
        if (mode == 0) {
          v128.store(out + o + ch, m);
          continue;
        }
        const h00 = v128.or(f32x4.eq(v00, m), f32x4.ne(v00, v00));
        let found = h00;
        const h01 = v128.andnot(v128.or(f32x4.eq(v01, m), f32x4.ne(v01, v01)), found);
        found = v128.or(found, h01);
        const h10 = v128.andnot(v128.or(f32x4.eq(v10, m), f32x4.ne(v10, v10)), found);
        found = v128.or(found, h10);
        const h11 = v128.andnot(v128.or(f32x4.eq(v11, m), f32x4.ne(v11, v11)), found);
        const d = out + xo + ch;
        if (mode == 1) {
          const dy = v128.load(other + o + ch);
          v128.store(d, v128.and(dy, h00));
          v128.store(d + cellBytes, v128.and(dy, h01));
          v128.store(d + rowBytes, v128.and(dy, h10));
          v128.store(d + rowBytes + cellBytes, v128.and(dy, h11));
        } else {
          const g = other + xo + ch;
          let picked = v128.and(v128.load(g), h00);
          picked = v128.bitselect(v128.load(g + cellBytes), picked, h01);
          picked = v128.bitselect(v128.load(g + rowBytes), picked, h10);
          picked = v128.bitselect(v128.load(g + rowBytes + cellBytes), picked, h11);
          v128.store(out + o + ch, picked);
        }
      }
      top += 2 * cellBytes;
      xo += 2 * cellBytes;
      o += cellBytes;
    }
  }
}

export function maxPool2d(share: i32, shares: i32, _scratch: usize, x: usize, out: usize, g: usize): void {
  maxWindows(0, share, shares, x, 0, out, g);
}

/** dx (shaped like x, zero-filled here) receives dy at each window's arg-max cell. */
export function maxPool2dGrad(share: i32, shares: i32, _scratch: usize, x: usize, dy: usize, out: usize, g: usize): void {
  maxWindows(1, share, shares, x, dy, out, g);
}

/** out (pooled shape) = g at each window's arg-max cell of x. */
export function maxPool2dSelect(share: i32, shares: i32, _scratch: usize, x: usize, gx: usize, out: usize, g: usize): void {
  maxWindows(2, share, shares, x, gx, out, g);
}

/** Average over the valid cells of each window (0 for a window with none). */
export function avgPool2d(share: i32, shares: i32, _scratch: usize, x: usize, out: usize, g: usize): void {
  const n = geo(g, 0), h = geo(g, 1), w = geo(g, 2), c = geo(g, 3), oh = geo(g, 4), ow = geo(g, 5);
  const ph = geo(g, 6), pw = geo(g, 7), sh = geo(g, 8), sw = geo(g, 9), pt = geo(g, 10), pl = geo(g, 11);
  const b0 = shareStart(n, 1, share, shares);
  const b1 = shareStart(n, 1, share + 1, shares);
  for (let b = b0; b < b1; b++) {
    for (let oy = 0; oy < oh; oy++) {
      const y0 = max(oy * sh - pt, 0);
      const y1 = min(oy * sh - pt + ph, h);
      for (let ox = 0; ox < ow; ox++) {
        const x0 = max(ox * sw - pl, 0);
        const x1 = min(ox * sw - pl + pw, w);
        const count = max(y1 - y0, 0) * max(x1 - x0, 0);
        const o = out + <usize>(((b * oh + oy) * ow + ox) * c) * 4;
        let ch = 0;
        for (; ch + 4 <= c; ch += 4) {
          let s = f32x4.splat(0);
          for (let iy = y0; iy < y1; iy++) {
            for (let ix = x0; ix < x1; ix++) s = f32x4.add(s, v128.load(x + <usize>(((b * h + iy) * w + ix) * c + ch) * 4));
          }
          v128.store(o + <usize>ch * 4, count > 0 ? f32x4.div(s, f32x4.splat(<f32>count)) : f32x4.splat(0));
        }
        for (; ch < c; ch++) {
          let s: f32 = 0;
          for (let iy = y0; iy < y1; iy++) {
            for (let ix = x0; ix < x1; ix++) s += load<f32>(x + <usize>(((b * h + iy) * w + ix) * c + ch) * 4);
          }
          store<f32>(o + <usize>ch * 4, count > 0 ? s / <f32>count : 0);
        }
      }
    }
  }
}

/** dx (input shape, zero-filled here) = dy spread evenly over each window's valid cells. */
export function avgPool2dGrad(share: i32, shares: i32, _scratch: usize, dy: usize, out: usize, g: usize): void {
  const n = geo(g, 0), h = geo(g, 1), w = geo(g, 2), c = geo(g, 3), oh = geo(g, 4), ow = geo(g, 5);
  const ph = geo(g, 6), pw = geo(g, 7), sh = geo(g, 8), sw = geo(g, 9), pt = geo(g, 10), pl = geo(g, 11);
  const b0 = shareStart(n, 1, share, shares);
  const b1 = shareStart(n, 1, share + 1, shares);
  memory.fill(out + <usize>b0 * <usize>(h * w * c) * 4, 0, <usize>(b1 - b0) * <usize>(h * w * c) * 4);
  for (let b = b0; b < b1; b++) {
    for (let oy = 0; oy < oh; oy++) {
      const y0 = max(oy * sh - pt, 0);
      const y1 = min(oy * sh - pt + ph, h);
      for (let ox = 0; ox < ow; ox++) {
        const x0 = max(ox * sw - pl, 0);
        const x1 = min(ox * sw - pl + pw, w);
        const count = max(y1 - y0, 0) * max(x1 - x0, 0);
        if (count == 0) continue;
        const src = dy + <usize>(((b * oh + oy) * ow + ox) * c) * 4;
        for (let iy = y0; iy < y1; iy++) {
          for (let ix = x0; ix < x1; ix++) {
            const dst = out + <usize>(((b * h + iy) * w + ix) * c) * 4;
            let ch = 0;
            for (; ch + 4 <= c; ch += 4) {
              const off = <usize>ch * 4;
              v128.store(dst + off, f32x4.add(v128.load(dst + off), f32x4.div(v128.load(src + off), f32x4.splat(<f32>count))));
            }
            for (; ch < c; ch++) {
              const off = <usize>ch * 4;
              store<f32>(dst + off, load<f32>(dst + off) + load<f32>(src + off) / <f32>count);
            }
          }
        }
      }
    }
  }
}
