/**
 * The decision boundary of a classifier of 2-D points: its prediction over a grid covering the data,
 * drawn as a heat map (the colour of the predicted class, paler where the model is less sure; one
 * sigmoid output counts as P(class 1)) with the points on top in their classes' colours, as one SVG string.
 *
 *   const svg = bp.report.decisionBoundary(model, x, y);   // write it to a .svg file or put it in a page
 */
import { toClassIndices, type LabelsLike } from "../data/labels.js";
import { fmtShape, ShapeError, ValueError } from "../errors.js";
import { tidy } from "../tensor/engine.js";
import { makeTensor, type Tensor } from "../tensor/tensor.js";
import { css } from "./colors.js";
import { pngDataUri } from "./png.js";
import { el, esc, fmtNum, niceTicks, svgRoot } from "./svg.js";

/**
 * Class colours (Tableau 10), shared by the heat map and the points.
 *
 * @example
 * bp.report.CLASS_COLORS[0];   // => [31, 119, 180]
 */
export const CLASS_COLORS: readonly [number, number, number][] = [
  [31, 119, 180], [255, 127, 14], [44, 160, 44], [214, 39, 40], [148, 103, 189],
  [140, 86, 75], [227, 119, 194], [127, 127, 127], [188, 189, 34], [23, 190, 207],
];

/**
 * Options of decisionBoundary: grid resolution, size, title and margin around the data.
 *
 * @example
 * const options: bp.report.DecisionBoundaryOptions = { resolution: 30, size: 240, margin: 0.2, title: "circle" };
 * const { x, labels } = bp.data.toy.circle({ n: 50, seed: 1 });
 * bp.report.decisionBoundary((p) => p.square().sum(1, true).greater(0.5), x, labels, options).includes("circle");   // => true
 */
export interface DecisionBoundaryOptions {
  /** Grid cells per side (default 120). */
  resolution?: number;
  /** Size of the plot in pixels (default 360 × 360, with margins). */
  size?: number;
  title?: string;
  /** Share of the data's range added on each side (default 0.1). */
  margin?: number;
}

/**
 * Anything that predicts: a model (Sequential) or a plain function.
 *
 * @example
 * const nearOrigin: bp.report.Predictor = (x) => x.square().sum(1, true).less(0.5).cast("float32");
 * const { x, labels } = bp.data.toy.circle({ n: 50, seed: 1 });
 * bp.report.decisionBoundary(nearOrigin, x, labels, { resolution: 20 }).startsWith("<svg");   // => true
 */
export type Predictor = { predict(x: Tensor): Tensor } | ((x: Tensor) => Tensor);

function checkPoints(x: Tensor): Float32Array | Float64Array | Int32Array {
  if (x.rank !== 2 || x.shape[1] !== 2 || x.shape[0] === 0) {
    throw new ShapeError(`decisionBoundary: x must hold 2-D points, shape [n, 2], got ${fmtShape(x.shape)}`);
  }
  const data = x.dataSync();
  if (!data.every(Number.isFinite)) throw new ValueError("decisionBoundary: x contains NaN or Infinity");
  return data;
}

function range(data: ArrayLike<number>, axis: number, margin: number): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = axis; i < data.length; i += 2) {
    lo = Math.min(lo, data[i] as number);
    hi = Math.max(hi, data[i] as number);
  }
  const pad = (hi - lo || 1) * margin;
  return [lo - pad, hi + pad];
}

/** RGB pixels of the grid's predictions, row 0 at the top (largest second coordinate). */
function heatPixels(probs: ArrayLike<number>, cells: number, k: number): Uint8Array {
  const px = new Uint8Array(cells * cells * 3);
  for (let row = 0; row < cells; row++) {
    for (let col = 0; col < cells; col++) {
      const g = (cells - 1 - row) * cells + col;
      // one output is P(class 1) of a sigmoid: classes 0 and 1 with probabilities 1 − p and p
      const prob = (j: number): number => (k === 1 ? (j === 1 ? (probs[g] as number) : 1 - (probs[g] as number)) : (probs[g * k + j] as number));
      const classes = Math.max(k, 2);
      let best = 0;
      for (let j = 1; j < classes; j++) if (prob(j) > prob(best)) best = j;
      const sure = Math.max(0, Math.min(1, (prob(best) - 1 / classes) / (1 - 1 / classes)));
      const c = CLASS_COLORS[best % CLASS_COLORS.length]!;
      px.set(c.map((v) => Math.round(255 + (v - 255) * (0.2 + 0.6 * sure))), (row * cells + col) * 3);
    }
  }
  return px;
}

/**
 * An SVG heat map of a 2-D classifier's prediction over the plane around `x` ([n, 2]) with the points
 * coloured by their labels `y` (one-hot rows, class indices, or 0/1 for a sigmoid output).
 *
 * @example
 * const { x, y } = bp.data.toy.xor({ n: 100, seed: 1 });
 * const model = bp.sequential([bp.layers.dense({ units: 8, activation: "tanh", inputShape: [2] }), bp.layers.dense({ units: 1, activation: "sigmoid" })]);
 * const svg = bp.report.decisionBoundary(model, x, y, { title: "XOR", resolution: 40 });
 * svg.startsWith("<svg");   // => true
 */
export function decisionBoundary(model: Predictor, x: Tensor, y: LabelsLike, options: DecisionBoundaryOptions = {}): string {
  const points = checkPoints(x);
  const labels = toClassIndices("decisionBoundary", y);
  const n = x.shape[0] as number;
  if (labels.length !== n) throw new ShapeError(`decisionBoundary: x has ${n} points but y has ${labels.length} labels`);
  const cells = options.resolution ?? 120;
  if (!Number.isInteger(cells) || cells < 2 || cells > 1000) throw new ValueError(`decisionBoundary: resolution must be an integer in [2, 1000], got ${cells}`);
  const margin = options.margin ?? 0.1;
  const [x0, x1] = range(points, 0, margin);
  const [y0, y1] = range(points, 1, margin);
  const grid = new Float32Array(cells * cells * 2);
  for (let r = 0; r < cells; r++) {
    for (let c = 0; c < cells; c++) {
      grid[(r * cells + c) * 2] = x0 + ((c + 0.5) / cells) * (x1 - x0);
      grid[(r * cells + c) * 2 + 1] = y0 + ((r + 0.5) / cells) * (y1 - y0);
    }
  }
  const predict = typeof model === "function" ? model : (t: Tensor) => model.predict(t);
  const { probs, k } = tidy(() => {
    const out = predict(makeTensor([cells * cells, 2], x.dtype === "float64" ? "float64" : "float32", grid));
    return { probs: out.dataSync(), k: out.size / (cells * cells) };
  });
  if (!Number.isInteger(k) || k < 1) throw new ShapeError(`decisionBoundary: the model's output for ${cells * cells} points has ${probs.length} values; expected one row per point`);
  return render(points, labels, heatPixels(probs, cells, k), cells, [x0, x1, y0, y1], options);
}

function render(points: ArrayLike<number>, labels: Int32Array, px: Uint8Array, cells: number, box: number[], options: DecisionBoundaryOptions): string {
  const [x0, x1, y0, y1] = box as [number, number, number, number];
  const size = options.size ?? 360;
  const [left, top, plot] = [40, options.title ? 28 : 10, size - 50];
  const sx = (v: number): number => left + ((v - x0) / (x1 - x0)) * plot;
  const sy = (v: number): number => top + plot - ((v - y0) / (y1 - y0)) * plot;
  const parts: string[] = [];
  if (options.title) parts.push(el("text", { x: left, y: 18, "font-weight": 600 }, esc(options.title)));
  parts.push(el("image", { x: left, y: top, width: plot, height: plot, preserveAspectRatio: "none", href: pngDataUri(cells, cells, 3, px) }));
  for (let i = 0; i < labels.length; i++) {
    const c = CLASS_COLORS[(labels[i] as number) % CLASS_COLORS.length]!;
    parts.push(el("circle", { cx: sx(points[2 * i] as number), cy: sy(points[2 * i + 1] as number), r: 3, fill: css(c), stroke: "#222", "stroke-width": 0.6 }));
  }
  parts.push(el("rect", { x: left, y: top, width: plot, height: plot, fill: "none", stroke: "#888" }));
  for (const t of niceTicks(x0, x1, 4).ticks.filter((t) => t >= x0 && t <= x1)) {
    parts.push(el("text", { x: sx(t), y: top + plot + 14, "text-anchor": "middle", fill: "#555", "font-size": 11 }, esc(fmtNum(t))));
  }
  for (const t of niceTicks(y0, y1, 4).ticks.filter((t) => t >= y0 && t <= y1)) {
    parts.push(el("text", { x: left - 4, y: sy(t) + 4, "text-anchor": "end", fill: "#555", "font-size": 11 }, esc(fmtNum(t))));
  }
  return svgRoot(size, top + plot + 22, options.title ?? "decision boundary", parts);
}
