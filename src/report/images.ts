/**
 * Grids of small images in SVG (each an inline PNG): misclassified test inputs with their true and
 * predicted labels, and a network's first-layer weights drawn as pictures.
 */
import { argmaxRows } from "../data/labels.js";
import { fmtShape, ShapeError } from "../errors.js";
import type { Tensor } from "../tensor/tensor.js";
import { diverging } from "./colors.js";
import { pngDataUri } from "./png.js";
import { el, esc, svgRoot } from "./svg.js";
import { maxOf } from "../extent.js";

/**
 * One picture of a grid: 8-bit pixels (grey or RGB), and caption lines.
 *
 * @example
 * const image: bp.report.GridImage = { width: 3, height: 1, channels: 3, pixels: [255, 0, 0, 0, 255, 0, 0, 0, 255], caption: ["red green blue"] };
 * bp.report.imageGrid([image], { title: "RGB" }).startsWith("<");   // => true
 */
export interface GridImage {
  width: number;
  height: number;
  channels: 1 | 3;
  pixels: ArrayLike<number>;
  caption?: string[];
  captionColor?: string;
}

/**
 * Images in rows of `columns`, each drawn `size` pixels wide (nearest-neighbour upscaling), with
 * up to two caption lines under each.
 *
 * @example
 * const digit: bp.report.GridImage = { width: 2, height: 2, channels: 1, pixels: [0, 255, 255, 0], caption: ["a checkerboard"] };
 * bp.report.imageGrid([digit, digit], { title: "samples", columns: 2, size: 28 }).includes("samples");   // => true
 */
export function imageGrid(images: readonly GridImage[], options: { title: string; subtitle?: string; columns?: number; size?: number }): string {
  const cols = Math.max(1, Math.min(options.columns ?? 10, images.length));
  const size = options.size ?? 64;
  const lines = maxOf(images.map((im) => im.caption?.length ?? 0), 0);
  const cellW = Math.max(size, 74) + 10;
  const cellH = size + 8 + lines * 14 + 6;
  const top = options.subtitle ? 50 : 34;
  const W = Math.max(cols * cellW + 10, 320);
  const H = top + Math.ceil(images.length / cols) * cellH + 6;
  const parts = [el("text", { x: 10, y: 22, "font-size": 15, "font-weight": 600, fill: "#111" }, esc(options.title))];
  if (options.subtitle) parts.push(el("text", { x: 10, y: 40, fill: "#555" }, esc(options.subtitle)));
  images.forEach((im, i) => {
    const x0 = 10 + (i % cols) * cellW;
    const y0 = top + Math.floor(i / cols) * cellH;
    const h = (size * im.height) / im.width;
    parts.push(el("image", {
      x: x0 + (cellW - 10 - size) / 2, y: y0, width: size, height: h, href: pngDataUri(im.width, im.height, im.channels, im.pixels),
      "image-rendering": "optimizeSpeed", style: "image-rendering:pixelated", preserveAspectRatio: "none",
    }));
    parts.push(el("rect", { x: x0 + (cellW - 10 - size) / 2, y: y0, width: size, height: h, fill: "none", stroke: "#bbb" }));
    (im.caption ?? []).forEach((line, k) => {
      parts.push(el("text", { x: x0 + (cellW - 10) / 2, y: y0 + h + 14 + k * 14, "text-anchor": "middle", "font-size": 11, fill: k === 1 && im.captionColor ? im.captionColor : "#333" }, esc(line)));
    });
  });
  return svgRoot(W, H, options.title, parts);
}

/**
 * The test inputs the model got wrong, most confident mistakes first: ink drawn dark on white,
 * captioned "true 4" / "pred 9 (97%)".
 *
 * @example
 * const x = bp.rand([3, 28, 28, 1], { seed: 1 });
 * const probs = bp.tensor([[0.9, 0.1], [0.2, 0.8], [0.6, 0.4]]);
 * const svg = bp.report.misclassifiedGrid(x, [0, 0, 1], probs, { classNames: ["cat", "dog"], limit: 30 });   // the 2nd and 3rd are wrong
 * svg?.includes("dog");   // => true
 */
export function misclassifiedGrid(
  x: Tensor,
  trueLabels: ArrayLike<number>,
  probs: Tensor,
  options: { classNames?: readonly string[]; limit?: number; columns?: number } = {},
): string | undefined {
  const [n, h, w, c] = x.shape as [number, number, number, number | undefined];
  if (x.rank !== 4 || (c !== 1 && c !== 3)) return undefined;
  const k = probs.shape[1] ?? 1;
  const p = probs.dataSync();
  const pred = argmaxRows(p, n, k);
  const wrong = Array.from({ length: n }, (_, i) => i).filter((i) => pred[i] !== trueLabels[i]);
  wrong.sort((a, b) => (p[b * k + pred[b]!] as number) - (p[a * k + pred[a]!] as number));
  const shown = wrong.slice(0, options.limit ?? 30);
  const data = x.dataSync();
  const name = (i: number): string => options.classNames?.[i] ?? String(i);
  const per = h * w * c;
  const images = shown.map((i): GridImage => ({
    width: w, height: h, channels: c,
    pixels: Array.from(data.subarray(i * per, (i + 1) * per), (v) => 255 * (1 - Math.max(0, Math.min(1, v)))),
    caption: [`true ${name(trueLabels[i] as number)}`, `pred ${name(pred[i]!)} (${Math.round((p[i * k + pred[i]!] as number) * 100)}%)`],
    captionColor: "#b2182b",
  }));
  const title = `Misclassified test inputs (${wrong.length} of ${n})`;
  if (images.length === 0) return imageGrid([], { title, subtitle: "none: every test input was classified correctly" });
  return imageGrid(images, { title, subtitle: `the ${images.length} most confident mistakes; ink shown dark on white`, columns: options.columns ?? 10, size: 56 });
}

/** Weights as images, blue negative / white zero / red positive, each scaled to its own largest |w|. */
function signedImage(values: ArrayLike<number>, width: number, height: number, caption: string): GridImage {
  let m = 1e-12;
  for (let i = 0; i < values.length; i++) m = Math.max(m, Math.abs(values[i] as number));
  const px = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) px.set(diverging((values[i] as number) / m), i * 3);
  return { width, height, channels: 3, pixels: px, caption: [caption] };
}

/**
 * The first layer's weights as pictures: each Conv2D filter (kh × kw, averaged over input
 * channels), or each Dense unit's weights over an image input reshaped to the image. Undefined when
 * the weights do not map onto an image.
 *
 * @example
 * const conv = bp.layers.conv2d({ filters: 8, kernelSize: 5, inputShape: [28, 28, 1] });
 * conv.build([null, 28, 28, 1]);
 * const svg = bp.report.filterGrid(conv.weights[0]!, [28, 28, 1], conv.name);
 * svg?.startsWith("<svg");   // => true
 * bp.report.filterGrid(bp.ones([4, 8]), [4], "dense_1");   // => undefined
 */
export function filterGrid(kernel: Tensor, inputShape: readonly (number | null)[], layerName: string, options: { limit?: number } = {}): string | undefined {
  const limit = options.limit ?? 32;
  const w = kernel.dataSync();
  const images: GridImage[] = [];
  let what: string;
  if (kernel.rank === 4) {
    const [kh, kw, cin, cout] = kernel.shape as [number, number, number, number];
    for (let o = 0; o < Math.min(cout, limit); o++) {
      const v = new Float64Array(kh * kw);
      for (let p = 0; p < kh * kw; p++) for (let ci = 0; ci < cin; ci++) v[p]! += (w[(p * cin + ci) * cout + o] as number) / cin;
      images.push(signedImage(v, kw, kh, `#${o + 1}`));
    }
    what = `${cout} filters of ${kh}×${kw}${cin > 1 ? `, averaged over ${cin} input channels` : ""}`;
  } else if (kernel.rank === 2) {
    const [f, units] = kernel.shape as [number, number];
    const dims = inputShape.filter((d): d is number => d !== null);
    // a flat input is taken for a flattened square image only when it is large enough to be one (28×28 = 784);
    // a handful of tabular features is no picture (see weightHeatmap)
    const square = Number.isInteger(Math.sqrt(f)) && f >= 64;
    const [ih, iw] = dims.length >= 2 ? [dims[0]!, dims[1]!] : square ? [Math.sqrt(f), Math.sqrt(f)] : [0, 0];
    if (ih * iw === 0 || f % (ih * iw) !== 0) return undefined;
    const ch = f / (ih * iw);
    for (let u = 0; u < Math.min(units, limit); u++) {
      const v = new Float64Array(ih * iw);
      for (let p = 0; p < ih * iw; p++) for (let ci = 0; ci < ch; ci++) v[p]! += (w[(p * ch + ci) * units + u] as number) / ch;
      images.push(signedImage(v, iw, ih, `unit ${u + 1}`));
    }
    what = `weights of ${Math.min(units, limit)} of ${units} units over the ${ih}×${iw} input`;
  } else {
    throw new ShapeError(`filterGrid: expected a Conv2D kernel [kh,kw,in,out] or a Dense kernel [in,units], got shape ${fmtShape(kernel.shape)}`);
  }
  const size = kernel.rank === 4 ? 50 : 56;
  return imageGrid(images, { title: `First layer (${layerName}): learned weights`, subtitle: `${what}; red positive, blue negative, white zero`, columns: kernel.rank === 4 ? 8 : 10, size });
}
