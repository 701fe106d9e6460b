/**
 * 2-D pooling over NHWC tensors and its gradients. Windows are visited in output order; within a
 * window the valid cells (inside the unpadded image) are visited row-major, and channels run as
 * SIMD lanes. Max pooling picks, per channel, the first cell holding the maximum — or the first NaN —
 * exactly as the js backend does, so the gradient is routed to the same cell.
 *
 * Geometry words at `g` (int32): n h w c oh ow ph pw sh sw padTop padLeft.
 */
import { shareStart } from "./simd";

// @ts-ignore: decorator
@inline function geo(g: usize, i: i32): i32 {
  return load<i32>(g + <usize>i * 4);
}

/**
 * For each output cell of this share's batch items, finds per channel the arg-max cell of x and
 * calls the mode's action: 0 = maxPool2d value, 1 = maxPool2dGrad route dy, 2 = maxPool2dSelect g.
 */
// @ts-ignore: decorator
@inline function maxWindows(mode: i32, share: i32, shares: i32, x: usize, other: usize, out: usize, g: usize): void {
  const n = geo(g, 0), h = geo(g, 1), w = geo(g, 2), c = geo(g, 3), oh = geo(g, 4), ow = geo(g, 5);
  const ph = geo(g, 6), pw = geo(g, 7), sh = geo(g, 8), sw = geo(g, 9), pt = geo(g, 10), pl = geo(g, 11);
  const b0 = shareStart(n, 1, share, shares);
  const b1 = shareStart(n, 1, share + 1, shares);
  if (mode == 1) memory.fill(out + <usize>b0 * <usize>(h * w * c) * 4, 0, <usize>(b1 - b0) * <usize>(h * w * c) * 4);
  for (let b = b0; b < b1; b++) {
    for (let oy = 0; oy < oh; oy++) {
      const y0 = max(oy * sh - pt, 0);
      const y1 = min(oy * sh - pt + ph, h);
      for (let ox = 0; ox < ow; ox++) {
        const x0 = max(ox * sw - pl, 0);
        const x1 = min(ox * sw - pl + pw, w);
        const oi = ((b * oh + oy) * ow + ox) * c;
        const empty = y1 <= y0 || x1 <= x0;
        const first = empty ? 0 : ((b * h + y0) * w + x0) * c;
        let ch = 0;
        for (; ch + 4 <= c && !empty; ch += 4) {
          let best = f32x4.splat(-Infinity);
          let bestIdx = i32x4.splat(first + ch);
          const lane = i32x4(ch, ch + 1, ch + 2, ch + 3);
          for (let iy = y0; iy < y1; iy++) {
            for (let ix = x0; ix < x1; ix++) {
              const cell = ((b * h + iy) * w + ix) * c;
              const v = v128.load(x + <usize>(cell + ch) * 4);
              // take v where v > best or v is NaN, unless best is already NaN
              const take = v128.and(v128.or(f32x4.gt(v, best), f32x4.ne(v, v)), f32x4.eq(best, best));
              best = v128.bitselect(v, best, take);
              bestIdx = v128.bitselect(i32x4.add(i32x4.splat(cell), lane), bestIdx, take);
            }
          }
          for (let q = 0; q < 4; q++) {
            const idx = i32x4.extract_lane(bestIdx, 0);
            bestIdx = v128.shuffle<i32>(bestIdx, bestIdx, 1, 2, 3, 0);
            const o = <usize>(oi + ch + q) * 4;
            if (mode == 0) store<f32>(out + o, load<f32>(x + <usize>idx * 4));
            else if (mode == 1) store<f32>(out + <usize>idx * 4, load<f32>(out + <usize>idx * 4) + load<f32>(other + o));
            else store<f32>(out + o, load<f32>(other + <usize>idx * 4));
          }
        }
        for (; ch < c; ch++) {
          const o = <usize>(oi + ch) * 4;
          if (empty) {
            if (mode == 0) store<f32>(out + o, -Infinity);
            else if (mode == 2) store<f32>(out + o, 0);
            continue;
          }
          let best: f32 = -Infinity;
          let idx = first + ch;
          for (let iy = y0; iy < y1; iy++) {
            for (let ix = x0; ix < x1; ix++) {
              const cell = ((b * h + iy) * w + ix) * c + ch;
              const v = load<f32>(x + <usize>cell * 4);
              if (best == best && (v > best || v != v)) {
                best = v;
                idx = cell;
              }
            }
          }
          if (mode == 0) store<f32>(out + o, load<f32>(x + <usize>idx * 4));
          else if (mode == 1) store<f32>(out + <usize>idx * 4, load<f32>(out + <usize>idx * 4) + load<f32>(other + o));
          else store<f32>(out + o, load<f32>(other + <usize>idx * 4));
        }
      }
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
