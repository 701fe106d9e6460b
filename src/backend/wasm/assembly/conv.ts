/**
 * col2im, the transpose of im2col: the input gradient of a convolution is dy·Wᵀ (a GEMM giving one
 * row per output pixel, cols[(b·oh + y)·ow + x, (i·kw + j)·c + ch]) with each row added back into
 * its receptive field of the image. (Forward and filter gradient never build the im2col matrix:
 * see convdirect.ts.)
 *
 * For one output pixel and one filter row i, the kw·c values go to one contiguous run of the image
 * row (when the window is inside the image horizontally), added with SIMD; only clipped edges go
 * cell by cell. No division per pixel, no memory.copy (a call in V8).
 *
 * Geometry words at `g` (int32): n h w c kh kw oh ow sh sw padTop padLeft.
 */
import { shareStart } from "./simd";

// @ts-ignore: decorator
@inline function geo(g: usize, i: i32): i32 {
  return load<i32>(g + <usize>i * 4);
}

/** dst[0..n) = 0. */
// @ts-ignore: decorator
@inline function zeroRun(dst: usize, n: i32): void {
  let q = 0;
  const z = i32x4.splat(0);
  for (; q + 4 <= n; q += 4) v128.store(dst + <usize>q * 4, z);
  for (; q < n; q++) store<u32>(dst + <usize>q * 4, 0);
}

/** dst[0..n) += src[0..n) (floats). */
// @ts-ignore: decorator
@inline function addRun(dst: usize, src: usize, n: i32): void {
  let q = 0;
  for (; q + 4 <= n; q += 4) {
    const o = <usize>q * 4;
    v128.store(dst + o, f32x4.add(v128.load(dst + o), v128.load(src + o)));
  }
  for (; q < n; q++) {
    const o = <usize>q * 4;
    store<f32>(dst + o, load<f32>(dst + o) + load<f32>(src + o));
  }
}

/** dx = 0, then adds every im2col row of cols back into its receptive field; shares split batch items. */
export function col2im(share: i32, shares: i32, _scratch: usize, cols: usize, dx: usize, g: usize): void {
  const n = geo(g, 0), h = geo(g, 1), w = geo(g, 2), c = geo(g, 3), kh = geo(g, 4), kw = geo(g, 5);
  const oh = geo(g, 6), ow = geo(g, 7), sh = geo(g, 8), sw = geo(g, 9), pt = geo(g, 10), pl = geo(g, 11);
  const run = kw * c;
  const b0 = shareStart(n, 1, share, shares);
  const b1 = shareStart(n, 1, share + 1, shares);
  zeroRun(dx + <usize>b0 * <usize>(h * w * c) * 4, (b1 - b0) * h * w * c);
  let src = cols + <usize>(b0 * oh * ow) * <usize>(kh * run) * 4;
  for (let b = b0; b < b1; b++) {
    for (let oy = 0; oy < oh; oy++) {
      for (let ox = 0; ox < ow; ox++) {
        const x0 = ox * sw - pl;
        const inside = x0 >= 0 && x0 + kw <= w;
        for (let i = 0; i < kh; i++) {
          const iy = oy * sh + i - pt;
          if (iy >= 0 && iy < h) {
            const rowBase = dx + <usize>((b * h + iy) * w) * <usize>c * 4;
            if (inside) {
              addRun(rowBase + <usize>(x0 * c) * 4, src, run);
            } else {
              for (let j = 0; j < kw; j++) {
                const ix = x0 + j;
                if (ix >= 0 && ix < w) addRun(rowBase + <usize>(ix * c) * 4, src + <usize>(j * c) * 4, c);
              }
            }
          }
          src += <usize>run * 4;
        }
      }
    }
  }
}
