/**
 * Convolution as an implicit GEMM: the micro-kernels read the input image directly where a GEMM
 * would read the im2col matrix, so the matrix is never built. The input is unpadded here (the
 * caller makes a zero-padded copy when the convolution pads).
 *
 * Forward, y[pixel, co] = Σ_k A[pixel, k]·W[k, co] with k = (ky, kx, ci): a tile is 4 neighbouring
 * output pixels of one row × 8 output channels (8 f32x4 accumulators, as the GEMM micro-kernel).
 * For one filter row ky the k-run (kx, ci) is kw·c contiguous floats of an input row, so each
 * pixel's A values are read with one moving pointer. The gradients are in conv-grad.ts.
 *
 * Weights and dW use packed panels of 8 channels: Wp[panel][k][8] (zero-padded channels).
 * Geometry words at `g` (int32): n h w c kh kw oh ow sh sw cout (h, w of the padded input).
 */
import { epilogueRows } from "./epilogue";
import { madd, shareStart } from "./simd";

// @ts-ignore: decorator
@inline export function geo(g: usize, i: i32): i32 {
  return load<i32>(g + <usize>i * 4);
}

/** Packs W [k, cout] row-major into panels of 8 channels: wp[panel][k][8], zero-padded. */
export function packFilter(w: usize, wp: usize, k: i32, cout: i32): void {
  const panels = (cout + 7) >> 3;
  for (let pj = 0; pj < panels; pj++) {
    const base = wp + <usize>(pj * k * 8) * 4;
    const cols = min(8, cout - pj * 8);
    for (let t = 0; t < k; t++) {
      const d = base + <usize>(t * 8) * 4;
      const s = w + <usize>(t * cout + pj * 8) * 4;
      if (cols == 8) {
        v128.store(d, v128.load(s));
        v128.store(d, v128.load(s, 16), 16);
      } else {
        for (let q = 0; q < 8; q++) store<f32>(d + <usize>q * 4, q < cols ? load<f32>(s + <usize>q * 4) : 0);
      }
    }
  }
}

/** Writes an accumulator tile row (8 channels, `nr` valid) at dst. */
// @ts-ignore: decorator
@inline export function storeRow(dst: usize, lo: v128, hi: v128, nr: i32): void {
  if (nr == 8) {
    v128.store(dst, lo);
    v128.store(dst, hi, 16);
  } else {
    for (let q = 0; q < nr; q++) {
      store<f32>(dst + <usize>q * 4, q < 4 ? f32x4.extract_lane(lo, 0) : f32x4.extract_lane(hi, 0));
      if (q < 4) lo = v128.shuffle<i32>(lo, lo, 1, 2, 3, 0);
      else hi = v128.shuffle<i32>(hi, hi, 1, 2, 3, 0);
    }
  }
}

/** 4 pixels × 8 channels: pixel r reads from xp + r·sx bytes; kh rows of `run` floats, rowStride bytes apart. */
function fwd4(xp: usize, sx: usize, rowStride: usize, kh: i32, run: i32, wp: usize, out: usize, ldo: usize, nr: i32): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  for (let ky = 0; ky < kh; ky++) {
    let p0 = xp + <usize>ky * rowStride;
    let p1 = p0 + sx;
    let p2 = p1 + sx;
    let p3 = p2 + sx;
    for (let t = 0; t < run; t++) {
      const b0 = v128.load(wp);
      const b1 = v128.load(wp, 16);
      let a = v128.load32_splat(p0);
      c00 = madd(a, b0, c00);
      c01 = madd(a, b1, c01);
      a = v128.load32_splat(p1);
      c10 = madd(a, b0, c10);
      c11 = madd(a, b1, c11);
      a = v128.load32_splat(p2);
      c20 = madd(a, b0, c20);
      c21 = madd(a, b1, c21);
      a = v128.load32_splat(p3);
      c30 = madd(a, b0, c30);
      c31 = madd(a, b1, c31);
      p0 += 4;
      p1 += 4;
      p2 += 4;
      p3 += 4;
      wp += 32;
    }
  }
  storeRow(out, c00, c01, nr);
  storeRow(out + ldo, c10, c11, nr);
  storeRow(out + 2 * ldo, c20, c21, nr);
  storeRow(out + 3 * ldo, c30, c31, nr);
}

/** 1 pixel × 8 channels (row ends). */
function fwd1(xp: usize, rowStride: usize, kh: i32, run: i32, wp: usize, out: usize, nr: i32): void {
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0);
  for (let ky = 0; ky < kh; ky++) {
    let p = xp + <usize>ky * rowStride;
    for (let t = 0; t < run; t++) {
      const a = v128.load32_splat(p);
      c0 = madd(a, v128.load(wp), c0);
      c1 = madd(a, v128.load(wp, 16), c1);
      p += 4;
      wp += 32;
    }
  }
  storeRow(out, c0, c1, nr);
}

/**
 * y = conv(x, W) over this share's output rows; wp from packFilter. Each finished row goes through
 * the fused epilogue (bias [cout] when bias ≠ 0, then relu when relu ≠ 0) while it is in cache.
 */
export function convForward(share: i32, shares: i32, _scratch: usize, x: usize, wp: usize, y: usize, g: usize, bias: usize, relu: i32): void {
  const n = geo(g, 0), h = geo(g, 1), w = geo(g, 2), c = geo(g, 3), kh = geo(g, 4), kw = geo(g, 5);
  const oh = geo(g, 6), ow = geo(g, 7), sh = geo(g, 8), sw = geo(g, 9), cout = geo(g, 10);
  const run = kw * c;
  const k = kh * run;
  const panels = (cout + 7) >> 3;
  const rowStride = <usize>(w * c) * 4;
  const sx = <usize>(sw * c) * 4;
  const ldo = <usize>cout * 4;
  const rows = n * oh;
  const r0 = shareStart(rows, 1, share, shares);
  const r1 = shareStart(rows, 1, share + 1, shares);
  for (let r = r0; r < r1; r++) {
    const b = r / oh;
    const oy = r - b * oh;
    const xrow = x + <usize>((b * h + oy * sh) * w) * <usize>c * 4;
    const yrow = y + <usize>(r * ow) * ldo;
    for (let pj = 0; pj < panels; pj++) {
      const wpan = wp + <usize>(pj * k * 8) * 4;
      const nr = min(8, cout - pj * 8);
      let ox = 0;
      for (; ox + 4 <= ow; ox += 4) {
        fwd4(xrow + <usize>ox * sx, sx, rowStride, kh, run, wpan, yrow + <usize>ox * ldo + <usize>(pj * 32), ldo, nr);
      }
      for (; ox < ow; ox++) fwd1(xrow + <usize>ox * sx, rowStride, kh, run, wpan, yrow + <usize>ox * ldo + <usize>(pj * 32), nr);
    }
    if (bias || relu) epilogueRows(yrow, cout, ow, cout, bias, relu);
  }
}

/** Zero-pads x [n, h, w, c] by (pt, pb, pl, pr) into xp [n, h+pt+pb, w+pl+pr, c]; shares split images. */
export function padImage(share: i32, shares: i32, _scratch: usize, x: usize, xp: usize, n: i32, h: i32, w: i32, c: i32, pt: i32, pb: i32, pl: i32, pr: i32): void {
  const hp = h + pt + pb;
  const wp = w + pl + pr;
  const b0 = shareStart(n, 1, share, shares);
  const b1 = shareStart(n, 1, share + 1, shares);
  for (let b = b0; b < b1; b++) {
    for (let y = 0; y < hp; y++) {
      const dst = xp + <usize>((b * hp + y) * wp * c) * 4;
      const iy = y - pt;
      if (iy < 0 || iy >= h) {
        for (let q = 0; q < wp * c; q++) store<u32>(dst + <usize>q * 4, 0);
        continue;
      }
      for (let q = 0; q < pl * c; q++) store<u32>(dst + <usize>q * 4, 0);
      const src = x + <usize>((b * h + iy) * w * c) * 4;
      const d = dst + <usize>(pl * c) * 4;
      let q = 0;
      for (; q + 4 <= w * c; q += 4) v128.store(d + <usize>q * 4, v128.load(src + <usize>q * 4));
      for (; q < w * c; q++) store<u32>(d + <usize>q * 4, load<u32>(src + <usize>q * 4));
      const tail = d + <usize>(w * c) * 4;
      for (let r = 0; r < pr * c; r++) store<u32>(tail + <usize>r * 4, 0);
    }
  }
}
