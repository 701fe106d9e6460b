/**
 * Text renderings of the classifier summaries: scikit-learn's classification_report layout
 * (character for character) and an aligned confusion matrix.
 */
import type { ClassificationReport } from "./report.js";
import { harmonic } from "./tally.js";
import { maxOf } from "../extent.js";

/**
 * `x` with `digits` decimals, rounding exact ties to even like Python's format (JS's toFixed rounds
 * them up: 0.125 → "0.13", Python → "0.12").
 *
 * @example
 * bp.metrics.toFixedEven(0.125, 2);   // => "0.12"
 * (0.125).toFixed(2);   // => "0.13"
 */
export function toFixedEven(x: number, digits: number): string {
  const plain = x.toFixed(digits);
  const exact = Math.abs(x).toFixed(Math.min(100, digits + 60));
  const tail = exact.slice(exact.indexOf(".") + 1 + digits);
  if (!/^50*$/.test(tail)) return plain;
  const down = (Math.sign(x) * (Math.floor(Math.abs(x) * 10 ** digits) / 10 ** digits)).toFixed(digits);
  const lastDigit = Number(down.replace(/\D/g, "").slice(-1));
  return lastDigit % 2 === 0 ? down : plain;
}

const pad = (s: string, w: number): string => s.padStart(w);

/**
 * The report as scikit-learn prints it: a row per class present (precision, recall, f1-score,
 * support), then accuracy, macro avg and weighted avg.
 *
 * @example
 * const report = bp.metrics.classificationReport([0, 0, 1, 1], [0, 1, 1, 1]);
 * const text = bp.metrics.formatClassificationReport(report, { classNames: ["cat", "dog"] });
 * console.log(text);   // precision, recall, f1-score and support per class, then the averages
 * text.includes("weighted avg");   // => true
 */
export function formatClassificationReport(report: ClassificationReport, options: { classNames?: readonly string[]; digits?: number } = {}): string {
  const digits = options.digits ?? 2;
  const shown = report.labels.map((i) => ({ ...report.perClass[i]!, i }));
  const names = shown.map((c) => options.classNames?.[c.i] ?? String(c.i));
  const width = maxOf(names.map((n) => n.length), Math.max("weighted avg".length, digits));
  const f = (v: number): string => pad(toFixedEven(v, digits), 9);
  const support = report.perClass.reduce((a, c) => a + c.support, 0);
  let out = `${pad("", width)} ${["precision", "recall", "f1-score", "support"].map((h) => ` ${pad(h, 9)}`).join("")}\n\n`;
  shown.forEach((c, k) => {
    out += `${pad(names[k]!, width)}  ${f(c.precision)} ${f(c.recall)} ${f(c.f1)} ${pad(String(c.support), 9)}\n`;
  });
  out += "\n";
  // scikit-learn prints the micro-averaged F1 here, computed as 2·P·R/(P+R) with P = R = accuracy
  out += `${pad("accuracy", width)}  ${pad("", 9)} ${pad("", 9)} ${f(harmonic(report.accuracy, report.accuracy))} ${pad(String(support), 9)}\n`;
  for (const [label, m] of [["macro avg", report.macro], ["weighted avg", report.weighted]] as const) {
    out += `${pad(label, width)}  ${f(m.precision)} ${f(m.recall)} ${f(m.f1)} ${pad(String(support), 9)}\n`;
  }
  return out;
}

/**
 * The matrix as an aligned table: rows are true classes, columns predicted classes.
 *
 * @example
 * const cm = bp.metrics.confusionMatrix([0, 0, 1, 1], [0, 1, 1, 1], 2);
 * const text = bp.metrics.formatConfusionMatrix(cm, { classNames: ["cat", "dog"] });
 * console.log(text);   // rows: true class, columns: predicted class
 * text.includes("dog");   // => true
 */
export function formatConfusionMatrix(cm: readonly (readonly number[])[], options: { classNames?: readonly string[] } = {}): string {
  const names = cm.map((_, i) => options.classNames?.[i] ?? String(i));
  const cellW = maxOf(cm.flat().map((v) => String(v).length), maxOf(names.map((n) => n.length), 3));
  const rowW = maxOf(names.map((n) => n.length));
  const lines = ["rows: true class, columns: predicted class", `${pad("", rowW)} ${names.map((n) => pad(n, cellW)).join(" ")}`];
  cm.forEach((row, i) => lines.push(`${pad(names[i]!, rowW)} ${row.map((v) => pad(String(v), cellW)).join(" ")}`));
  return lines.join("\n") + "\n";
}
