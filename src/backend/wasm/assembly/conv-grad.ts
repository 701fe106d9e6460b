/**
 * The two gradients of convolution as implicit GEMMs over the image (see conv.ts for the forward
 * pass and the conventions). The input is unpadded here; the caller pads x, or makes dx padded and
 * crops it.
 *
 * Filter gradient, dW[k, co] = Σ_pixel A[pixel, k]·dy[pixel, co]: a tile is 4 values of k × 8
 * channels, summed over a range of output rows (threads take disjoint ranges into partial sums,
 * added in a fixed order by convFilterReduce).
 *
 * Input gradient, dx = col2im(dy·Wᵀ) without either matrix: a tile of 4 output pixels × 8 patch
 * indices is accumulated over the output channels and added straight into the receptive fields.
 *
 * Geometry words at `g` (int32): n h w c kh kw oh ow sh sw cout (h, w of the padded input).
 */
import { geo, storeRow } from "./conv";
import { madd, shareStart } from "./simd";

/**
 * One 4(k)×8(channel) tile of dW summed over `rows` output rows of `ow` pixels: row i's receptive
 * fields start at the byte address rowPtr[i] (stepping sx per pixel) and its dy at dyRow[i]; the
 * k-values' offsets (bytes, relative to a receptive-field corner) are o0..o3; acc (32 floats) is added to.
 */
function filterTile(
  rowPtr: usize, dyRow: usize, rows: i32, ow: i32, sx: usize, ldy: usize,
  o0: usize, o1: usize, o2: usize, o3: usize, acc: usize,
): void {
  let c00 = v128.load(acc), c01 = v128.load(acc, 16);
  let c10 = v128.load(acc, 32), c11 = v128.load(acc, 48);
  let c20 = v128.load(acc, 64), c21 = v128.load(acc, 80);
  let c30 = v128.load(acc, 96), c31 = v128.load(acc, 112);
  if (o1 == o0 + 4 && o2 == o0 + 8 && o3 == o0 + 12) {
    // the four k-values are neighbours in memory: one address, constant offsets
    for (let i = 0; i < rows; i++) {
      let xp = <usize>load<u32>(rowPtr + <usize>i * 4) + o0;
      let dp = <usize>load<u32>(dyRow + <usize>i * 4);
      for (let q = 0; q < ow; q++) {
        const b0 = v128.load(dp);
        const b1 = v128.load(dp, 16);
        let a = v128.load32_splat(xp);
        c00 = madd(a, b0, c00);
        c01 = madd(a, b1, c01);
        a = v128.load32_splat(xp, 4);
        c10 = madd(a, b0, c10);
        c11 = madd(a, b1, c11);
        a = v128.load32_splat(xp, 8);
        c20 = madd(a, b0, c20);
        c21 = madd(a, b1, c21);
        a = v128.load32_splat(xp, 12);
        c30 = madd(a, b0, c30);
        c31 = madd(a, b1, c31);
        xp += sx;
        dp += ldy;
      }
    }
  } else for (let i = 0; i < rows; i++) {
    let xp = <usize>load<u32>(rowPtr + <usize>i * 4);
    let dp = <usize>load<u32>(dyRow + <usize>i * 4);
    for (let q = 0; q < ow; q++) {
      const b0 = v128.load(dp);
      const b1 = v128.load(dp, 16);
      let a = v128.load32_splat(xp + o0);
      c00 = madd(a, b0, c00);
      c01 = madd(a, b1, c01);
      a = v128.load32_splat(xp + o1);
      c10 = madd(a, b0, c10);
      c11 = madd(a, b1, c11);
      a = v128.load32_splat(xp + o2);
      c20 = madd(a, b0, c20);
      c21 = madd(a, b1, c21);
      a = v128.load32_splat(xp + o3);
      c30 = madd(a, b0, c30);
      c31 = madd(a, b1, c31);
      xp += sx;
      dp += ldy;
    }
  }
  v128.store(acc, c00);
  v128.store(acc, c01, 16);
  v128.store(acc, c10, 32);
  v128.store(acc, c11, 48);
  v128.store(acc, c20, 64);
  v128.store(acc, c21, 80);
  v128.store(acc, c30, 96);
  v128.store(acc, c31, 112);
}

/** Byte offset of filter index t = (ky·kw + kx)·c + ci within a receptive field (0 past the end). */
// @ts-ignore: decorator
@inline function fieldOffset(t: i32, k: i32, run: i32, w: i32, c: i32): usize {
  if (t >= k) return 0;
  const ky = t / run;
  return <usize>(ky * w * c + (t - ky * run)) * 4;
}

/**
 * This share's partial dW over its range of output rows, in packed panels: parts + share·(kpad·8·panels)
 * floats, laid out [panel][k (padded to 4)][8]. Rows are processed in chunks of about 256 pixels so x
 * and dy stay in cache across the k-tiles; the chunk's row addresses are listed in scratch.
 */
export function convFilterGrad(share: i32, shares: i32, scratch: usize, x: usize, dy: usize, parts: usize, g: usize): void {
  const n = geo(g, 0), h = geo(g, 1), w = geo(g, 2), c = geo(g, 3), kh = geo(g, 4), kw = geo(g, 5);
  const oh = geo(g, 6), ow = geo(g, 7), sh = geo(g, 8), sw = geo(g, 9), cout = geo(g, 10);
  const run = kw * c;
  const k = kh * run;
  const kpad = (k + 3) & ~3;
  const panels = (cout + 7) >> 3;
  const mine = parts + <usize>share * <usize>(kpad * 8 * panels) * 4;
  memory.fill(mine, 0, <usize>(kpad * 8 * panels) * 4);
  const rows = n * oh;
  const r0 = shareStart(rows, 1, share, shares);
  const r1 = shareStart(rows, 1, share + 1, shares);
  const chunk = max(1, min(256, 256 / max(ow, 1)));
  const sx = <usize>(sw * c) * 4;
  const ldy = <usize>cout * 4;
  const rowPtr = scratch;
  const dyRow = scratch + <usize>chunk * 4;
  for (let c0 = r0; c0 < r1; c0 += chunk) {
    const cn = min(chunk, r1 - c0);
    for (let i = 0; i < cn; i++) {
      const r = c0 + i;
      const b = r / oh;
      const oy = r - b * oh;
      store<u32>(rowPtr + <usize>i * 4, <u32>(x + <usize>((b * h + oy * sh) * w * c) * 4));
      store<u32>(dyRow + <usize>i * 4, <u32>(dy + <usize>(r * ow) * ldy));
    }
    for (let pj = 0; pj < panels; pj++) {
      if (pj > 0) for (let i = 0; i < cn; i++) store<u32>(dyRow + <usize>i * 4, load<u32>(dyRow + <usize>i * 4) + 32);
      for (let t = 0; t < kpad; t += 4) {
        const acc = mine + <usize>((pj * kpad + t) * 8) * 4;
        filterTile(
          rowPtr, dyRow, cn, ow, sx, ldy, fieldOffset(t, k, run, w, c), fieldOffset(t + 1, k, run, w, c),
          fieldOffset(t + 2, k, run, w, c), fieldOffset(t + 3, k, run, w, c), acc,
        );
      }
    }
  }
}

/** dW [k, cout] = Σ over `count` partials (fixed order), unpacking the panels; shares split k. */
export function convFilterReduce(share: i32, shares: i32, _scratch: usize, parts: usize, count: i32, dw: usize, k: i32, cout: i32): void {
  const kpad = (k + 3) & ~3;
  const panels = (cout + 7) >> 3;
  const stride = <usize>(kpad * 8 * panels) * 4;
  const t0 = shareStart(k, 1, share, shares);
  const t1 = shareStart(k, 1, share + 1, shares);
  for (let t = t0; t < t1; t++) {
    for (let pj = 0; pj < panels; pj++) {
      let src = parts + <usize>((pj * kpad + t) * 8) * 4;
      let lo = v128.load(src);
      let hi = v128.load(src, 16);
      for (let s = 1; s < count; s++) {
        src += stride;
        lo = f32x4.add(lo, v128.load(src));
        hi = f32x4.add(hi, v128.load(src, 16));
      }
      storeRow(dw + <usize>(t * cout + pj * 8) * 4, lo, hi, min(8, cout - pj * 8));
    }
  }
}

/** Packs Wᵀ for the input gradient: wt[panel][co][8] = W[panel·8 + q, co] (zero past k). */
export function packFilterT(w: usize, wt: usize, k: i32, cout: i32): void {
  const panels = (k + 7) >> 3;
  for (let pj = 0; pj < panels; pj++) {
    for (let co = 0; co < cout; co++) {
      const d = wt + <usize>((pj * cout + co) * 8) * 4;
      for (let q = 0; q < 8; q++) {
        const t = pj * 8 + q;
        store<f32>(d + <usize>q * 4, t < k ? load<f32>(w + <usize>(t * cout + co) * 4) : 0);
      }
    }
  }
}

/**
 * Adds 8 values (lo, hi) of one pixel's patch panel into dx: at field + off when the panel's 8 patch
 * indices are one contiguous run of the receptive field (off ≥ 0, precomputed per panel), else lane by
 * lane from patch index t0.
 */
// @ts-ignore: decorator
@inline function scatterRow(field: usize, lo: v128, hi: v128, off: i32, t0: i32, k: i32, run: i32, rowBytes: usize): void {
  if (off >= 0) {
    const d = field + <usize>off;
    v128.store(d, f32x4.add(v128.load(d), lo));
    v128.store(d, f32x4.add(v128.load(d, 16), hi), 16);
    return;
  }
  for (let q = 0; q < 8 && t0 + q < k; q++) {
    const t = t0 + q;
    const ky = t / run;
    const d = field + <usize>ky * rowBytes + <usize>(t - ky * run) * 4;
    const v = q < 4 ? f32x4.extract_lane(lo, 0) : f32x4.extract_lane(hi, 0);
    if (q < 4) lo = v128.shuffle<i32>(lo, lo, 1, 2, 3, 0);
    else hi = v128.shuffle<i32>(hi, hi, 1, 2, 3, 0);
    store<f32>(d, load<f32>(d) + v);
  }
}

/**
 * dx = conv2dBackpropInput(dy, W) without building dy·Wᵀ: a tile of 4 output pixels × 8 patch indices
 * is accumulated over the output channels (k of this GEMM) and added straight into the receptive
 * fields of dx. Shares own whole images of dx, so their additions never meet. dx (unpadded geometry)
 * is zeroed here; wt from packFilterT.
 */
export function convInputGrad(share: i32, shares: i32, scratch: usize, dy: usize, wt: usize, dx: usize, g: usize): void {
  const n = geo(g, 0), h = geo(g, 1), w = geo(g, 2), c = geo(g, 3), kh = geo(g, 4), kw = geo(g, 5);
  const oh = geo(g, 6), ow = geo(g, 7), sh = geo(g, 8), sw = geo(g, 9), cout = geo(g, 10);
  const run = kw * c;
  const k = kh * run;
  const panels = (k + 7) >> 3;
  const rowBytes = <usize>(w * c) * 4;
  const image = <usize>(h * w * c) * 4;
  const ldy = <usize>cout * 4;
  const sx = <usize>(sw * c) * 4;
  const b0 = shareStart(n, 1, share, shares);
  const b1 = shareStart(n, 1, share + 1, shares);
  memory.fill(dx + <usize>b0 * image, 0, <usize>(b1 - b0) * image);
  // per panel: byte offset of its 8 patch indices in a receptive field, or -1 if they are not contiguous
  const offs = scratch;
  for (let pj = 0; pj < panels; pj++) {
    const t0 = pj * 8;
    const ky0 = t0 / run;
    const contiguous = t0 + 8 <= k && (t0 + 7) / run == ky0;
    store<i32>(offs + <usize>pj * 4, contiguous ? <i32>(<usize>ky0 * rowBytes) + (t0 - ky0 * run) * 4 : -1);
  }
  for (let b = b0; b < b1; b++) {
    for (let oy = 0; oy < oh; oy++) {
      const fieldRow = dx + <usize>b * image + <usize>(oy * sh) * rowBytes;
      const dyRow = dy + <usize>((b * oh + oy) * ow) * ldy;
      let ox = 0;
      for (; ox + 4 <= ow; ox += 4) {
        const f0 = fieldRow + <usize>ox * sx;
        const d0 = dyRow + <usize>ox * ldy;
        for (let pj = 0; pj < panels; pj++) {
          let wp = wt + <usize>(pj * cout * 8) * 4;
          let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
          let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
          let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
          let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
          let a0 = d0;
          for (let co = 0; co < cout; co++) {
            const w0 = v128.load(wp);
            const w1 = v128.load(wp, 16);
            let a = v128.load32_splat(a0);
            c00 = madd(a, w0, c00);
            c01 = madd(a, w1, c01);
            a = v128.load32_splat(a0 + ldy);
            c10 = madd(a, w0, c10);
            c11 = madd(a, w1, c11);
            a = v128.load32_splat(a0 + 2 * ldy);
            c20 = madd(a, w0, c20);
            c21 = madd(a, w1, c21);
            a = v128.load32_splat(a0 + 3 * ldy);
            c30 = madd(a, w0, c30);
            c31 = madd(a, w1, c31);
            a0 += 4;
            wp += 32;
          }
          const t0 = pj * 8;
          const off = load<i32>(offs + <usize>pj * 4);
          scatterRow(f0, c00, c01, off, t0, k, run, rowBytes);
          scatterRow(f0 + sx, c10, c11, off, t0, k, run, rowBytes);
          scatterRow(f0 + 2 * sx, c20, c21, off, t0, k, run, rowBytes);
          scatterRow(f0 + 3 * sx, c30, c31, off, t0, k, run, rowBytes);
        }
      }
      for (; ox < ow; ox++) {
        const f0 = fieldRow + <usize>ox * sx;
        const d0 = dyRow + <usize>ox * ldy;
        for (let pj = 0; pj < panels; pj++) {
          let wp = wt + <usize>(pj * cout * 8) * 4;
          let lo = f32x4.splat(0), hi = f32x4.splat(0);
          for (let co = 0; co < cout; co++) {
            const a = v128.load32_splat(d0 + <usize>co * 4);
            lo = madd(a, v128.load(wp), lo);
            hi = madd(a, v128.load(wp, 16), hi);
            wp += 32;
          }
          scatterRow(f0, lo, hi, load<i32>(offs + <usize>pj * 4), pj * 8, k, run, rowBytes);
        }
      }
    }
  }
}
