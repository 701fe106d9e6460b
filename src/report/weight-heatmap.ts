/**
 * A Dense layer's weights over tabular input as a heat map: one row per input feature, one column per
 * unit, red positive, blue negative, white zero. For features without a spatial layout this says
 * more than pictures of the weights would (four features make no 2×2 image).
 */
import { maxOf } from "../extent.js";
import { fmtShape, ShapeError } from "../errors.js";
import type { Tensor } from "../tensor/tensor.js";
import { css, diverging, isLight } from "./colors.js";
import { el, esc, fmtNum, svgRoot } from "./svg.js";

/**
 * An SVG heat map of a kernel [features, units] (at most `limit` units, default 32).
 *
 *   weightHeatmap(model.layers[0].weights[0], "dense_1", { featureNames: ["sepal length", ...] });
 */
export function weightHeatmap(kernel: Tensor, layerName: string, options: { featureNames?: readonly string[]; limit?: number } = {}): string {
  if (kernel.rank !== 2) throw new ShapeError(`weightHeatmap: expected a Dense kernel [features, units], got shape ${fmtShape(kernel.shape)}`);
  const [f, units] = kernel.shape as [number, number];
  const shown = Math.min(units, options.limit ?? 32);
  const w = kernel.dataSync();
  let max = 0;
  for (const v of w) if (Number.isFinite(v)) max = Math.max(max, Math.abs(v));
  const names = Array.from({ length: f }, (_, i) => options.featureNames?.[i] ?? `feature ${i + 1}`);
  const cell = Math.max(12, Math.min(34, Math.floor(300 / Math.max(shown, 1))));
  const rowH = Math.max(14, Math.min(30, Math.floor(420 / Math.max(f, 1))));
  const left = 12 + Math.min(140, maxOf(names.map((n) => n.length), 0) * 7);
  const top = 56;
  const parts: string[] = [];
  for (let i = 0; i < f; i++) {
    parts.push(el("text", { x: left - 6, y: top + i * rowH + rowH / 2 + 4, "text-anchor": "end", fill: "#333", "font-size": 11 }, esc(names[i]!)));
    for (let u = 0; u < shown; u++) {
      const v = w[i * units + u] as number;
      const fill = diverging(max > 0 ? v / max : 0);
      const x = left + u * cell;
      const y = top + i * rowH;
      parts.push(el("rect", { x, y, width: cell, height: rowH, fill: css(fill), stroke: "#fff" }, el("title", {}, esc(`${names[i]} → unit ${u + 1}: ${fmtNum(v)}`))));
      if (cell >= 30 && rowH >= 16) parts.push(el("text", { x: x + cell / 2, y: y + rowH / 2 + 4, "text-anchor": "middle", "font-size": 9, fill: isLight(fill) ? "#222" : "#fff" }, esc(fmtNum(Number(v.toPrecision(2))))));
    }
  }
  const bottom = top + f * rowH;
  parts.push(el("text", { x: left + (shown * cell) / 2, y: bottom + 18, "text-anchor": "middle", fill: "#333" }, `units 1–${shown}${shown < units ? ` of ${units}` : ""}`));
  parts.push(el("text", { x: 10, y: 22, "font-size": 15, "font-weight": 600, fill: "#111" }, esc(`First layer (${layerName}): weights`)));
  parts.push(el("text", { x: 10, y: 40, fill: "#555" }, esc(`rows: features; red +, blue − (|w| ≤ ${fmtNum(max)})`)));
  return svgRoot(Math.max(left + shown * cell + 12, 360), bottom + 28, `First layer weights: ${f} features × ${units} units`, parts);
}
