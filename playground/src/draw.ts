/** Canvas drawing: heat maps (one class value or several class probabilities), points, the loss chart, histograms. */
import type { Points } from "./data.js";
import { DOMAIN, GRID } from "./protocol.js";

/** Class colours: orange (class 0 / negative), blue (class 1 / positive), then green, purple, red. */
export const CLASS_RGB: [number, number, number][] = [
  [245, 147, 34],
  [8, 119, 189],
  [44, 160, 44],
  [148, 103, 189],
  [214, 39, 40],
];
const GREY: [number, number, number] = [232, 234, 235];

/** Orange → grey → blue for v in [−1, 1]. */
export function diverging(v: number): [number, number, number] {
  const t = Math.max(-1, Math.min(1, Number.isFinite(v) ? v : 0));
  const [r0, g0, b0] =
    t < 0 ? (CLASS_RGB[0] as [number, number, number]) : (CLASS_RGB[1] as [number, number, number]);
  const a = Math.abs(t);
  return [GREY[0] + (r0 - GREY[0]) * a, GREY[1] + (g0 - GREY[1]) * a, GREY[2] + (b0 - GREY[2]) * a];
}

const scratch = new Map<number, { canvas: OffscreenCanvas | HTMLCanvasElement; image: ImageData }>();
function gridImage(side: number): { canvas: OffscreenCanvas | HTMLCanvasElement; image: ImageData } {
  let s = scratch.get(side);
  if (!s) {
    const canvas =
      typeof OffscreenCanvas !== "undefined"
        ? new OffscreenCanvas(side, side)
        : Object.assign(document.createElement("canvas"), { width: side, height: side });
    s = { canvas, image: new ImageData(side, side) };
    scratch.set(side, s);
  }
  return s;
}

/**
 * Paints GRID² values (channels 1: value in [−1, 1]; k > 1: class probabilities) scaled onto `ctx`'s canvas.
 * `discretize` shows the decided class only.
 */
export function paintHeat(
  ctx: CanvasRenderingContext2D,
  values: Float32Array,
  channels: number,
  offset: number,
  discretize: boolean,
  scaleMax = 1,
): void {
  const { canvas, image } = gridImage(GRID);
  const px = image.data;
  for (let i = 0; i < GRID * GRID; i++) {
    let rgb: [number, number, number];
    if (channels === 1) {
      const v = (values[offset + i] as number) / scaleMax;
      rgb = diverging(discretize ? (v > 0 ? 1 : -1) : v);
    } else {
      let best = 0;
      let p = -1;
      for (let c = 0; c < channels; c++) {
        const q = values[i * channels + c] as number;
        if (q > p) [p, best] = [q, c];
      }
      const base = CLASS_RGB[best % CLASS_RGB.length] as [number, number, number];
      const a = discretize ? 1 : Math.max(0, (p - 1 / channels) / (1 - 1 / channels));
      rgb = [
        GREY[0] + (base[0] - GREY[0]) * a,
        GREY[1] + (base[1] - GREY[1]) * a,
        GREY[2] + (base[2] - GREY[2]) * a,
      ];
    }
    px[4 * i] = rgb[0];
    px[4 * i + 1] = rgb[1];
    px[4 * i + 2] = rgb[2];
    px[4 * i + 3] = 255;
  }
  (canvas.getContext("2d") as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D).putImageData(
    image,
    0,
    0,
  );
  ctx.imageSmoothingEnabled = !discretize;
  ctx.drawImage(canvas, 0, 0, ctx.canvas.width, ctx.canvas.height);
}

/** Canvas pixel of a data point. */
export const toPixel = (x: number, y: number, w: number, h: number): [number, number] => [
  ((x + DOMAIN) / (2 * DOMAIN)) * w,
  ((DOMAIN - y) / (2 * DOMAIN)) * h,
];
/** Data point of a canvas pixel. */
export const toData = (px: number, py: number, w: number, h: number): [number, number] => [
  (px / w) * 2 * DOMAIN - DOMAIN,
  DOMAIN - (py / h) * 2 * DOMAIN,
];

/** Points as dots: fill by class (or value), white outline for training points, black for test points. */
export function paintPoints(
  ctx: CanvasRenderingContext2D,
  p: Points,
  regression: boolean,
  test: boolean,
): void {
  const { width: w, height: h } = ctx.canvas;
  ctx.lineWidth = 1;
  ctx.strokeStyle = test ? "#000" : "#fff";
  for (let i = 0; i < p.label.length; i++) {
    const [cx, cy] = toPixel(p.xy[2 * i] as number, p.xy[2 * i + 1] as number, w, h);
    const l = p.label[i] as number;
    const rgb = regression ? diverging(l) : (CLASS_RGB[l % CLASS_RGB.length] as [number, number, number]);
    ctx.fillStyle = `rgb(${rgb[0] | 0},${rgb[1] | 0},${rgb[2] | 0})`;
    ctx.beginPath();
    ctx.arc(cx, cy, 3.5, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
  }
}

/** Training (grey) and test (black) loss per recorded epoch; log scale when `log`. */
export function paintChart(
  ctx: CanvasRenderingContext2D,
  history: { epoch: number; train: number; test: number }[],
  log: boolean,
): void {
  const { width: w, height: h } = ctx.canvas;
  ctx.clearRect(0, 0, w, h);
  const f = (v: number): number => (log ? Math.log10(Math.max(v, 1e-6)) : v);
  const finite = history.filter((r) => Number.isFinite(r.train));
  if (finite.length < 2) return;
  const vals = finite.flatMap((r) => [f(r.train), ...(Number.isFinite(r.test) ? [f(r.test)] : [])]);
  const lo = log ? Math.min(...vals) : 0;
  const hi = Math.max(...vals, lo + 1e-9);
  const e0 = finite[0]?.epoch ?? 0;
  const e1 = Math.max(e0 + 1, finite[finite.length - 1]?.epoch ?? 1);
  for (const [key, colour] of [
    ["train", "#888"],
    ["test", "#000"],
  ] as const) {
    ctx.strokeStyle = colour;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    finite.forEach((r, i) => {
      const x = ((r.epoch - e0) / (e1 - e0)) * (w - 2) + 1;
      const y = h - 2 - ((f(r[key]) - lo) / (hi - lo)) * (h - 4);
      if (i === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    });
    ctx.stroke();
  }
}

/** A histogram of `values` (non-finite ones left out) in `bins` bins, bars in `colour`; returns the counts. */
export function paintHistogram(
  ctx: CanvasRenderingContext2D,
  values: ArrayLike<number>,
  colour: string,
  range?: [number, number],
  bins = 30,
): number[] {
  const { width: w, height: h } = ctx.canvas;
  const v = Array.from(values).filter(Number.isFinite);
  const counts = new Array<number>(bins).fill(0);
  if (v.length === 0) return counts;
  const [lo, hi] = range ?? [Math.min(...v), Math.max(...v) + 1e-9];
  for (const x of v)
    counts[Math.max(0, Math.min(bins - 1, Math.floor(((x - lo) / (hi - lo || 1)) * bins)))]! += 1;
  const top = Math.max(...counts);
  ctx.fillStyle = colour;
  counts.forEach((c, i) => {
    const bh = (c / top) * (h - 2);
    ctx.fillRect((i * w) / bins, h - bh, w / bins - 1, bh);
  });
  return counts;
}

/** A CSS colour for a weight on the diverging scale. */
export const cssColor = (v: number): string => {
  const [R, G, B] = diverging(v);
  return `rgb(${R | 0},${G | 0},${B | 0})`;
};

/** Unit-major neuron outputs → one GRID² array per unit. */
export function splitUnits(layer: Float32Array): Float32Array[] {
  const g = GRID * GRID;
  return Array.from({ length: layer.length / g }, (_, j) => layer.subarray(j * g, (j + 1) * g));
}

/** The largest finite |value| (at least 1e-6): the scale of a neuron's thumbnail. */
export const maxAbs = (v: Float32Array): number => {
  let m = 1e-6;
  for (const x of v) if (Number.isFinite(x)) m = Math.max(m, Math.abs(x));
  return m;
};
