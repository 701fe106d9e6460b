/**
 * Pooling kernels of the js backend over NHWC windows. Each window's valid cells (padding excluded)
 * are listed once, then every channel is processed in a tight loop over them.
 */
import type { TypedArray } from "../dtype.js";
import type { KernelAttrs } from "../kernel-attrs.js";
import { arg, type JsKernel } from "./storage.js";

/**
 * Visits every pooling window: cb(outBase, cells, count, channels), where outBase is the index of
 * the window's first channel in the output and cells[0..count) the input indices (channel 0) of
 * its valid cells.
 */
function forEachWindow(
  inShape: readonly number[],
  outShape: readonly number[],
  a: KernelAttrs["maxPool2d"],
  cb: (outBase: number, cells: Int32Array, count: number, channels: number) => void,
): void {
  const [n, h, w, c] = inShape as [number, number, number, number];
  const [, oh, ow] = outShape as [number, number, number];
  const [ph, pw] = a.poolSize;
  const [sh, sw] = a.strides;
  const cells = new Int32Array(ph * pw);
  for (let b = 0; b < n; b++) {
    for (let oy = 0; oy < oh; oy++) {
      for (let ox = 0; ox < ow; ox++) {
        let count = 0;
        for (let i = 0; i < ph; i++) {
          const iy = oy * sh + i - a.pads.top;
          if (iy < 0 || iy >= h) continue;
          for (let j = 0; j < pw; j++) {
            const ix = ox * sw + j - a.pads.left;
            if (ix < 0 || ix >= w) continue;
            cells[count++] = ((b * h + iy) * w + ix) * c;
          }
        }
        cb(((b * oh + oy) * ow + ox) * c, cells, count, c);
      }
    }
  }
}

/** Index of the largest cell of a window for channel ch (the first on ties; a NaN wins), or -1 for an empty window. */
function argmaxCell(x: TypedArray, ch: number, cells: Int32Array, count: number): number {
  if (count === 0) return -1;
  let bestIdx = cells[0]! + ch;
  let best = x[bestIdx]!;
  for (let t = 1; t < count && best === best; t++) {
    const idx = cells[t]! + ch;
    const v = x[idx]!;
    if (v > best || v !== v) {
      best = v;
      bestIdx = idx;
    }
  }
  return bestIdx;
}

export const maxPool2d: JsKernel<KernelAttrs["maxPool2d"]> = (inputs, out, attrs) => {
  const x = arg(inputs, 0);
  const xd = x.storage.data;
  const o = out.storage.data;
  forEachWindow(x.shape, out.shape, attrs, (base, cells, count, c) => {
    for (let ch = 0; ch < c; ch++) {
      const idx = argmaxCell(xd, ch, cells, count);
      o[base + ch] = idx < 0 ? -Infinity : xd[idx]!;
    }
  });
};

/** Routes dy to the arg-max cell of each window of x. */
export const maxPool2dGrad: JsKernel<KernelAttrs["maxPool2dGrad"]> = (inputs, out, attrs) => {
  const x = arg(inputs, 0);
  const dy = arg(inputs, 1);
  const xd = x.storage.data;
  const dyd = dy.storage.data;
  const o = out.storage.data;
  o.fill(0);
  forEachWindow(x.shape, dy.shape, attrs, (base, cells, count, c) => {
    for (let ch = 0; ch < c; ch++) {
      const idx = argmaxCell(xd, ch, cells, count);
      if (idx >= 0) o[idx] = o[idx]! + dyd[base + ch]!;
    }
  });
};

/** Picks g at the arg-max cell of each window of x (the transpose of maxPool2dGrad). */
export const maxPool2dSelect: JsKernel<KernelAttrs["maxPool2dSelect"]> = (inputs, out, attrs) => {
  const x = arg(inputs, 0);
  const gd = arg(inputs, 1).storage.data;
  const xd = x.storage.data;
  const o = out.storage.data;
  forEachWindow(x.shape, out.shape, attrs, (base, cells, count, c) => {
    for (let ch = 0; ch < c; ch++) {
      const idx = argmaxCell(xd, ch, cells, count);
      o[base + ch] = idx < 0 ? 0 : gd[idx]!;
    }
  });
};

/** Mean over the valid cells of each window (padding is not counted, as in TensorFlow). */
export const avgPool2d: JsKernel<KernelAttrs["avgPool2d"]> = (inputs, out, attrs) => {
  const x = arg(inputs, 0);
  const xd = x.storage.data;
  const o = out.storage.data;
  forEachWindow(x.shape, out.shape, attrs, (base, cells, count, c) => {
    for (let ch = 0; ch < c; ch++) {
      let s = 0;
      for (let t = 0; t < count; t++) s += xd[cells[t]! + ch]!;
      o[base + ch] = count > 0 ? s / count : 0;
    }
  });
};

/** Spreads dy evenly over the valid cells of each window. */
export const avgPool2dGrad: JsKernel<KernelAttrs["avgPool2dGrad"]> = (inputs, out, attrs) => {
  const dy = arg(inputs, 0);
  const dyd = dy.storage.data;
  const o = out.storage.data;
  o.fill(0);
  forEachWindow(attrs.inputShape, dy.shape, attrs, (base, cells, count, c) => {
    if (count === 0) return;
    for (let ch = 0; ch < c; ch++) {
      const v = dyd[base + ch]! / count;
      for (let t = 0; t < count; t++) {
        const idx = cells[t]! + ch;
        o[idx] = o[idx]! + v;
      }
    }
  });
};
