/**
 * The report's tables as HTML tables (the text tables' box-drawing characters break in browsers with
 * other fonts and cannot shrink to a phone's width): the model summary and the classification report.
 */
import type { ClassificationReport } from "../metrics/report.js";
import { esc } from "./svg.js";

function table(id: string, head: readonly string[], rows: readonly (readonly string[])[], numeric: (col: number) => boolean): string {
  const cell = (tag: string, v: string, col: number): string => `<${tag}${numeric(col) ? ' class="num"' : ""}>${esc(v)}</${tag}>`;
  const thead = `<thead><tr>${head.map((h, i) => cell("th", h, i)).join("")}</tr></thead>`;
  const tbody = `<tbody>${rows.map((r) => `<tr>${r.map((v, i) => cell("td", v, i)).join("")}</tr>`).join("")}</tbody>`;
  return `<div class="table-wrap"><table class="data" id="${esc(id)}">${thead}${tbody}</table></div>`;
}

/**
 * model.summary()'s text as an HTML table (layer, output shape, parameters) with its totals below;
 * the text itself in a <pre> when it is not a summary table.
 */
export function summaryTable(summary: string): string {
  const lines = summary.split("\n");
  const split = (l: string): string[] => l.split(/[│┃]/).slice(1, -1).map((c) => c.trim());
  const head = lines.find((l) => l.startsWith("┃"));
  const rows = lines.filter((l) => l.startsWith("│")).map(split);
  if (!head || rows.length === 0) return `<pre id="model-summary">${esc(summary)}</pre>`;
  const heading = split(head);
  const title = lines.find((l) => /^Model: /.test(l));
  const totals = lines.filter((l) => /^\s*(Total|Trainable|Non-trainable) params:/.test(l)).map((l) => `<li>${esc(l.trim())}</li>`);
  const numeric = (col: number): boolean => /param/i.test(heading[col] ?? "");
  return `${title ? `<p class="note">${esc(title)}</p>` : ""}${table("model-summary", heading, rows, numeric)}<ul class="totals">${totals.join("")}</ul>`;
}

/** The classification report as an HTML table: per class, then accuracy and the averages (as scikit-learn prints it). */
export function classificationTable(rep: ClassificationReport, classNames?: readonly string[]): string {
  const f = (v: number): string => v.toFixed(2);
  const support = rep.perClass.reduce((n, c) => n + c.support, 0);
  const rows = rep.perClass.map((c, i) => [classNames?.[i] ?? String(i), f(c.precision), f(c.recall), f(c.f1), String(c.support)]);
  rows.push(["accuracy", "", "", f(rep.accuracy), String(support)]);
  rows.push(["macro avg", f(rep.macro.precision), f(rep.macro.recall), f(rep.macro.f1), String(support)]);
  rows.push(["weighted avg", f(rep.weighted.precision), f(rep.weighted.recall), f(rep.weighted.f1), String(support)]);
  return table("classification-report", ["class", "precision", "recall", "f1-score", "support"], rows, (col) => col > 0);
}
