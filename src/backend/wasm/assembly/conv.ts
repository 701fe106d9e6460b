/**
 * The image side of convolution by GEMM: im2col lays each output pixel's receptive field out as a
 * row (cols[(b·oh + y)·ow + x, (i·kw + j)·c + ch], zero outside the image) and col2im adds such rows
 * back into an image (the transpose). Convolution itself is then a matrix product (see gemm).
 *
 * Geometry words at `g` (int32): n h w c kh kw oh ow sh sw padTop padLeft.
 */
import { shareStart } from "./simd";

// @ts-ignore: decorator
@inline function geo(g: usize, i: i32): i32 {
  return load<i32>(g + <usize>i * 4);
}

// @ts-ignore: decorator
@inline function copyCells(dst: usize, src: usize, c: i32): void {
  if (c == 1) store<u32>(dst, load<u32>(src));
  else if (c < 16) for (let q = 0; q < c; q++) store<u32>(dst + <usize>q * 4, load<u32>(src + <usize>q * 4));
  else memory.copy(dst, src, <usize>c * 4);
}

/** Rows [r0, r1) of the im2col matrix of x, written at cols (rows of kh·kw·c). */
export function im2col(share: i32, shares: i32, _scratch: usize, x: usize, cols: usize, g: usize): void {
  const h = geo(g, 1), w = geo(g, 2), c = geo(g, 3), kh = geo(g, 4), kw = geo(g, 5);
  const oh = geo(g, 6), ow = geo(g, 7), sh = geo(g, 8), sw = geo(g, 9), pt = geo(g, 10), pl = geo(g, 11);
  const rows = geo(g, 0) * oh * ow;
  const patch = kh * kw * c;
  const r0 = shareStart(rows, 1, share, shares);
  const r1 = shareStart(rows, 1, share + 1, shares);
  for (let r = r0; r < r1; r++) {
    const ox = r % ow;
    const t = r / ow;
    const oy = t % oh;
    const b = t / oh;
    let dst = cols + <usize>r * <usize>patch * 4;
    for (let i = 0; i < kh; i++) {
      const iy = oy * sh + i - pt;
      if (iy < 0 || iy >= h) {
        memory.fill(dst, 0, <usize>(kw * c) * 4);
        dst += <usize>(kw * c) * 4;
        continue;
      }
      const rowBase = x + <usize>((b * h + iy) * w) * <usize>c * 4;
      for (let j = 0; j < kw; j++) {
        const ix = ox * sw + j - pl;
        if (ix < 0 || ix >= w) memory.fill(dst, 0, <usize>c * 4);
        else copyCells(dst, rowBase + <usize>(ix * c) * 4, c);
        dst += <usize>c * 4;
      }
    }
  }
}

/** dx = 0, then adds every im2col row of cols back into its receptive field; shares split batch items. */
export function col2im(share: i32, shares: i32, _scratch: usize, cols: usize, dx: usize, g: usize): void {
  const n = geo(g, 0), h = geo(g, 1), w = geo(g, 2), c = geo(g, 3), kh = geo(g, 4), kw = geo(g, 5);
  const oh = geo(g, 6), ow = geo(g, 7), sh = geo(g, 8), sw = geo(g, 9), pt = geo(g, 10), pl = geo(g, 11);
  const patch = kh * kw * c;
  const b0 = shareStart(n, 1, share, shares);
  const b1 = shareStart(n, 1, share + 1, shares);
  memory.fill(dx + <usize>b0 * <usize>(h * w * c) * 4, 0, <usize>(b1 - b0) * <usize>(h * w * c) * 4);
  for (let b = b0; b < b1; b++) {
    for (let oy = 0; oy < oh; oy++) {
      for (let ox = 0; ox < ow; ox++) {
        let src = cols + <usize>((b * oh + oy) * ow + ox) * <usize>patch * 4;
        for (let i = 0; i < kh; i++) {
          const iy = oy * sh + i - pt;
          if (iy < 0 || iy >= h) {
            src += <usize>(kw * c) * 4;
            continue;
          }
          for (let j = 0; j < kw; j++) {
            const ix = ox * sw + j - pl;
            if (ix >= 0 && ix < w) {
              const dst = dx + <usize>(((b * h + iy) * w + ix) * c) * 4;
              let q = 0;
              for (; q + 4 <= c; q += 4) {
                const off = <usize>q * 4;
                v128.store(dst + off, f32x4.add(v128.load(dst + off), v128.load(src + off)));
              }
              for (; q < c; q++) {
                const off = <usize>q * 4;
                store<f32>(dst + off, load<f32>(dst + off) + load<f32>(src + off));
              }
            }
            src += <usize>c * 4;
          }
        }
      }
    }
  }
}
