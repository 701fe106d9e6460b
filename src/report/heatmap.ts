/**
 * The confusion matrix as a heat map: one cell per (true, predicted) pair with its count, shaded
 * by the share of that true class (so each row reads as "where did class i go"), correct
 * predictions on the diagonal.
 */
import { blues, css, isLight } from "./colors.js";
import { el, esc, svgRoot } from "./svg.js";
import { maxOf } from "../extent.js";

/**
 * An SVG heat map of `cm` (rows true classes, columns predicted classes).
 *
 * @example
 * const svg = bp.report.confusionMatrixChart([[50, 2], [4, 44]], { classNames: ["cat", "dog"], title: "test set" });
 * svg.includes("cat");   // => true
 */
export function confusionMatrixChart(cm: readonly (readonly number[])[], options: { classNames?: readonly string[]; title?: string } = {}): string {
  const k = cm.length;
  const names = cm.map((_, i) => options.classNames?.[i] ?? String(i));
  const longest = maxOf(names.map((s) => s.length));
  const cell = Math.max(30, Math.min(52, Math.floor(460 / Math.max(1, k))));
  const maxCount = maxOf(cm.flat(), 1);
  const fontSize = String(maxCount).length > 3 ? 10 : 12;
  const left = 40 + Math.min(120, longest * 7);
  const top = 58;
  const rotate = longest > 3;
  const bottom = 34 + (rotate ? Math.min(110, longest * 6) : 16);
  const W = left + k * cell + 20;
  const H = top + k * cell + bottom;
  const parts: string[] = [];
  cm.forEach((row, i) => {
    const total = row.reduce((a, b) => a + b, 0);
    row.forEach((v, j) => {
      const share = total > 0 ? v / total : 0;
      const fill = blues(Math.sqrt(share)); // sqrt: small confusions still show
      const x = left + j * cell;
      const y = top + i * cell;
      parts.push(
        el("rect", { x, y, width: cell, height: cell, fill: css(fill), stroke: i === j ? "#333" : "#fff", "stroke-width": i === j ? 1.2 : 1 },
          el("title", {}, esc(`true ${names[i]}, predicted ${names[j]}: ${v} (${(share * 100).toFixed(1)}% of ${names[i]})`))),
        el("text", { x: x + cell / 2, y: y + cell / 2 + 4, "text-anchor": "middle", "font-size": fontSize, fill: isLight(fill) ? "#222" : "#fff" }, String(v)),
      );
    });
  });
  names.forEach((name, i) => {
    parts.push(el("text", { x: left - 6, y: top + i * cell + cell / 2 + 4, "text-anchor": "end", fill: "#333" }, esc(name)));
    const cx = left + i * cell + cell / 2;
    const cy = top + k * cell + 14;
    parts.push(
      rotate
        ? el("text", { x: cx, y: cy, "text-anchor": "end", fill: "#333", transform: `rotate(-45 ${cx} ${cy})` }, esc(name))
        : el("text", { x: cx, y: cy, "text-anchor": "middle", fill: "#333" }, esc(name)),
    );
  });
  parts.push(el("text", { x: left + (k * cell) / 2, y: H - 8, "text-anchor": "middle", "font-weight": 600, fill: "#222" }, "predicted class"));
  const my = top + (k * cell) / 2;
  parts.push(el("text", { x: 14, y: my, "text-anchor": "middle", "font-weight": 600, fill: "#222", transform: `rotate(-90 14 ${my})` }, "true class"));
  parts.push(el("text", { x: 10, y: 22, "font-size": 15, "font-weight": 600, fill: "#111" }, esc(options.title ?? "Confusion matrix")));
  parts.push(el("text", { x: 10, y: 40, fill: "#555" }, "counts; darker = larger share of the true class (row)"));
  return svgRoot(W, H, `${options.title ?? "Confusion matrix"} of ${k} classes`, parts);
}
