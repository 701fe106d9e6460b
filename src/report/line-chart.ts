/**
 * Line charts of values per epoch, training against validation: the picture that shows under- and
 * over-fitting at a glance (validation loss turning up while training loss keeps falling).
 */
import { el, esc, fmtNum, niceTicks, svgRoot } from "./svg.js";
import { maxOf, minOf } from "../extent.js";

/**
 * One line of a chart: its name, values, colour and dash.
 *
 * @example
 * const series: bp.report.Series[] = [
 *   { name: "training", values: [0.5, 0.3], color: bp.report.TRAIN_COLOR },
 *   { name: "validation", values: [0.6, 0.4], color: bp.report.VAL_COLOR, dashed: true },
 * ];
 * bp.report.lineChart(series, { title: "loss" }).includes("validation");   // => true
 */
export interface Series {
  name: string;
  values: readonly number[];
  color: string;
  dashed?: boolean;
}

/**
 * Options of lineChart: title, axis labels, size and x tick labels.
 *
 * @example
 * const options: bp.report.LineChartOptions = { title: "error against hidden units", xLabel: "units", yLabel: "error", xTicks: [4, 16, 64] };
 * bp.report.lineChart([{ name: "validation", values: [0.3, 0.2, 0.25], color: bp.report.VAL_COLOR, dashed: true }], options).includes("units");   // => true
 */
export interface LineChartOptions {
  title: string;
  xLabel?: string;
  yLabel?: string;
  width?: number;
  height?: number;
  /** Labels of the points along x (e.g. the settings of a sweep) instead of 1, 2, 3…; all are shown. */
  xTicks?: readonly (string | number)[];
}

/**
 * The colour of training curves in the report's charts.
 *
 * @example
 * bp.report.TRAIN_COLOR;   // => "#1f77b4"
 */
export const TRAIN_COLOR = "#1f77b4";
/**
 * The colour of validation curves in the report's charts.
 *
 * @example
 * bp.report.VAL_COLOR;   // => "#e8710a"
 */
export const VAL_COLOR = "#e8710a";

/**
 * An SVG line chart with one point per epoch (x from 1), axes with ticks, grid lines and a legend
 * giving each series' last value.
 *
 * @example
 * const svg = bp.report.lineChart([{ name: "training", values: [0.9, 0.5, 0.3], color: bp.report.TRAIN_COLOR }], { title: "loss" });
 * svg.startsWith("<svg");   // => true
 */
export function lineChart(series: readonly Series[], options: LineChartOptions): string {
  const W = options.width ?? 460;
  const H = options.height ?? 290;
  const m = { left: 58, right: 16, top: 56, bottom: 46 };
  const pw = W - m.left - m.right;
  const ph = H - m.top - m.bottom;
  const n = maxOf(series.map((s) => s.values.length), 1);
  const finite = series.flatMap((s) => s.values.filter((v) => Number.isFinite(v)));
  const y = niceTicks(finite.length ? minOf(finite) : 0, finite.length ? maxOf(finite) : 1, 5);
  const xStep = options.xTicks ? 1 : Math.max(1, Math.ceil(n / 10));
  const xs = (e: number): number => m.left + (n === 1 ? pw / 2 : ((e - 1) / (n - 1)) * pw);
  const ys = (v: number): number => m.top + ph - ((v - y.domain[0]) / (y.domain[1] - y.domain[0])) * ph;
  const parts: string[] = [];
  for (const t of y.ticks) {
    parts.push(el("line", { x1: m.left, x2: m.left + pw, y1: ys(t), y2: ys(t), stroke: "#e3e3e3" }));
    parts.push(el("text", { x: m.left - 6, y: ys(t) + 4, "text-anchor": "end", fill: "#444" }, esc(fmtNum(t))));
  }
  for (let e = 1; e <= n; e += xStep) {
    parts.push(el("line", { x1: xs(e), x2: xs(e), y1: m.top + ph, y2: m.top + ph + 4, stroke: "#444" }));
    parts.push(el("text", { x: xs(e), y: m.top + ph + 17, "text-anchor": "middle", fill: "#444" }, esc(String(options.xTicks?.[e - 1] ?? e))));
  }
  parts.push(el("rect", { x: m.left, y: m.top, width: pw, height: ph, fill: "none", stroke: "#888" }));
  series.forEach((s, k) => {
    const pts = s.values.map((v, i) => [xs(i + 1), ys(v), v] as const).filter(([, , v]) => Number.isFinite(v));
    if (pts.length > 1) {
      const d = pts.map(([px, py], i) => `${i === 0 ? "M" : "L"}${px.toFixed(1)},${py.toFixed(1)}`).join("");
      parts.push(el("path", { d, fill: "none", stroke: s.color, "stroke-width": 2, "stroke-dasharray": s.dashed ? "6 4" : undefined }));
    }
    for (const [px, py, v] of pts) parts.push(el("circle", { cx: px, cy: py, r: 3, fill: s.color }, el("title", {}, esc(`${s.name}: ${fmtNum(v)}`))));
    const last = s.values[s.values.length - 1];
    const lx = m.left + k * 190;
    parts.push(el("line", { x1: lx, x2: lx + 22, y1: 38, y2: 38, stroke: s.color, "stroke-width": 2.5, "stroke-dasharray": s.dashed ? "6 4" : undefined }));
    parts.push(el("text", { x: lx + 28, y: 42, fill: "#222" }, esc(`${s.name}${last === undefined ? "" : ` (last ${fmtNum(last)})`}`)));
  });
  parts.push(el("text", { x: m.left, y: 20, "font-size": 15, "font-weight": 600, fill: "#111" }, esc(options.title)));
  parts.push(el("text", { x: m.left + pw / 2, y: H - 8, "text-anchor": "middle", fill: "#333" }, esc(options.xLabel ?? "epoch")));
  if (options.yLabel) {
    parts.push(el("text", { x: 14, y: m.top + ph / 2, "text-anchor": "middle", fill: "#333", transform: `rotate(-90 14 ${m.top + ph / 2})` }, esc(options.yLabel)));
  }
  return svgRoot(W, H, `${options.title}: ${series.map((s) => s.name).join(" vs ")} per epoch`, parts);
}

/**
 * One chart per quantity in a fit history (`loss`, `accuracy`, ...), training against its `val_`
 * counterpart; `lr` is drawn alone.
 *
 * @example
 * const charts = bp.report.historyCharts({ loss: [0.9, 0.5], accuracy: [0.6, 0.8], val_loss: [1, 0.6], val_accuracy: [0.5, 0.7] });
 * charts.map((c) => c.key);   // => ["loss", "accuracy"]
 */
export function historyCharts(history: Record<string, readonly number[]>): { key: string; svg: string }[] {
  const keys = Object.keys(history).filter((k) => !k.startsWith("val_"));
  return keys.map((key) => {
    const series: Series[] = [{ name: key === "lr" ? "learning rate" : "training", values: history[key] ?? [], color: TRAIN_COLOR }];
    const val = history[`val_${key}`];
    if (val) series.push({ name: "validation", values: val, color: VAL_COLOR, dashed: true });
    return { key, svg: lineChart(series, { title: key === "lr" ? "learning rate" : key.replace(/_/g, " "), yLabel: key }) };
  });
}
