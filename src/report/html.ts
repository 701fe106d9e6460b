/**
 * The training report: one self-contained HTML page (inline SVG, images as data URIs, no scripts,
 * no network) with the run's facts, the learning curves, the model, the test-set scores, the
 * confusion matrix, the misclassified inputs and the first layer's weights.
 */
import { argmaxRows, toClassIndices, type LabelsLike } from "../data/labels.js";
import { formatClassificationReport, formatConfusionMatrix } from "../metrics/format.js";
import { classificationReport, confusionMatrix } from "../metrics/report.js";
import type { Tensor } from "../tensor/tensor.js";
import { decisionBoundary, type Predictor } from "./decision-boundary.js";
import { confusionMatrixChart } from "./heatmap.js";
import { filterGrid, misclassifiedGrid } from "./images.js";
import { historyCharts } from "./line-chart.js";
import { esc } from "./svg.js";
import { classificationTable, summaryTable } from "./tables.js";
import { weightHeatmap } from "./weight-heatmap.js";

/**
 * What the training report shows: facts, history, model summary, test results, first-layer weights.
 *
 * @example
 * const input: bp.report.TrainingReportInput = {
 *   title: "MLP on circles",
 *   facts: { dataset: "circle", epochs: 3 },
 *   history: { loss: [0.7, 0.5, 0.4], val_loss: [0.72, 0.55, 0.47] },
 * };
 * bp.report.trainingReport(input).includes("MLP on circles");   // => true
 */
export interface TrainingReportInput {
  title?: string;
  /** Facts about the run shown at the top: dataset, model, epochs, wall time, ... */
  facts?: Record<string, string | number>;
  /** fit's history: loss, accuracy, val_loss, ... per epoch. */
  history?: Record<string, readonly number[]>;
  /** model.summary() text. */
  modelSummary?: string;
  /** The test set: true labels and the model's predicted probabilities [N, classes]. */
  test?: { labels: LabelsLike; probs: Tensor; inputs?: Tensor; loss?: number };
  classNames?: readonly string[];
  /** Set when training was cut short (e.g. by Ctrl-C): shown in a banner at the top, saying where it stopped. */
  interrupted?: string;
  /**
   * The trained model: with 2-feature test inputs, the report draws its decision boundary over them
   * (see decisionBoundary).
   */
  model?: Predictor;
  /** The first layer's kernel, its input shape (without the batch axis) and name. */
  firstLayer?: { kernel: Tensor; inputShape: readonly (number | null)[]; name: string };
}

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;margin:0;background:#f6f7f9;color:#1b1b1b}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:32px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
.note{color:#555;font-size:14px;margin:4px 0 12px}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0}
.card{background:#fff;border:1px solid #ddd;border-radius:8px;padding:10px 14px;min-width:120px}
.card b{display:block;font-size:22px}.card span{color:#555;font-size:13px}
.charts{display:flex;flex-wrap:wrap;gap:12px}
figure{background:#fff;border:1px solid #ddd;border-radius:8px;margin:0;padding:8px;overflow-x:auto}
pre{background:#fff;border:1px solid #ddd;border-radius:8px;padding:12px;overflow-x:auto;font-size:13px;line-height:1.35}
table.facts{border-collapse:collapse;font-size:14px}table.facts td{padding:2px 12px 2px 0;vertical-align:top}table.facts td:first-child{color:#555}
.row{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}
.warn{background:#fff4d6;border:1px solid #e0b84c;border-radius:8px;padding:10px 14px;margin:12px 0}
figure svg,figure img{max-width:100%;height:auto}
.table-wrap{overflow-x:auto;max-width:100%}
table.data{border-collapse:collapse;background:#fff;border:1px solid #ddd;font-size:14px}
table.data th,table.data td{padding:4px 10px;border-bottom:1px solid #eee;text-align:left;white-space:nowrap}
table.data th{background:#f0f2f5}table.data .num{text-align:right;font-variant-numeric:tabular-nums}
ul.totals{margin:6px 0;padding-left:20px;font-size:14px;color:#333}
table.facts td{overflow-wrap:anywhere}table.facts td:first-child{overflow-wrap:normal;white-space:nowrap}
@media (max-width:600px){main{padding:12px}h1{font-size:21px}.card{min-width:0;flex:1 1 40%}
table.data{font-size:12px}table.data th,table.data td{padding:3px 4px;white-space:normal}}
`;

const figure = (id: string, svg: string): string => `<figure id="${esc(id)}">${svg}</figure>`;

function card(value: string, label: string): string {
  return `<div class="card"><b>${esc(value)}</b><span>${esc(label)}</span></div>`;
}

function testSection(input: TrainingReportInput, parts: string[], cards: string[]): void {
  const t = input.test;
  if (!t) return;
  const truth = toClassIndices("trainingReport", t.labels);
  const k = t.probs.shape[1] ?? 1;
  const pred = argmaxRows(t.probs.dataSync(), truth.length, k);
  const cm = confusionMatrix(truth, pred, Math.max(k, input.classNames?.length ?? 0));
  const rep = classificationReport(truth, pred, { numClasses: cm.length });
  cards.unshift(card(`${(rep.accuracy * 100).toFixed(2)}%`, `test accuracy (${truth.length} samples)`));
  if (t.loss !== undefined) cards.push(card(t.loss.toFixed(4), "test loss"));
  cards.push(card(rep.macro.f1.toFixed(3), "test macro F1"));
  const names = input.classNames;
  parts.push(`<h2>Test set</h2><p class="note">Scores on held-out data the model never trained on. Recall of a class: the share of its samples found; precision: the share of its predictions that were right.</p>`);
  parts.push(`<div class="row">${classificationTable(rep, names)}`);
  parts.push(`${figure("confusion-matrix", confusionMatrixChart(cm, { classNames: names }))}</div>`);
  parts.push(`<details><summary>Classification report and confusion matrix as text</summary><pre>${esc(formatClassificationReport(rep, { classNames: names }))}</pre><pre>${esc(formatConfusionMatrix(cm, { classNames: names }))}</pre></details>`);
  if (t.inputs && input.model && t.inputs.rank === 2 && t.inputs.shape[1] === 2) {
    const svg = decisionBoundary(input.model, t.inputs, truth, { title: "Test points over the model's prediction" });
    parts.push(`<h2>Decision boundary</h2><p class="note">The class the model predicts at each point of the plane (paler where it is less sure), with the test points in their true classes' colours.</p>${figure("decision-boundary", svg)}`);
  }
  if (t.inputs) {
    const grid = misclassifiedGrid(t.inputs, truth, t.probs, { classNames: names });
    if (grid) parts.push(`<h2>Mistakes</h2>${figure("misclassified", grid)}`);
  }
}

/**
 * The report page as a string; write it to `report.html`.
 *
 * @example
 * const { x, y, labels } = bp.data.toy.gaussian({ n: 100, seed: 1 });
 * const model = bp.sequential([bp.layers.dense({ units: 2, activation: "softmax", inputShape: [2] })]);
 * model.compile({ optimizer: "adam", loss: "sparseCategoricalCrossentropy", metrics: ["accuracy"] });
 * const h = await model.fit(x, labels, { epochs: 2, verbose: 0 });
 * const html = bp.report.trainingReport({ title: "gaussian", history: h.history, test: { labels, probs: model.predict(x), inputs: x }, model });
 * html.startsWith("<!DOCTYPE html>");   // => true
 */
export function trainingReport(input: TrainingReportInput): string {
  const parts: string[] = [];
  const cards: string[] = [];
  const title = input.title ?? "Training report";
  const facts = Object.entries(input.facts ?? {});
  if (input.interrupted) parts.push(`<p id="interrupted" class="warn">${esc(input.interrupted)}</p>`);
  if (facts.length) {
    parts.push(`<table class="facts">${facts.map(([k, v]) => `<tr><td>${esc(k)}</td><td>${esc(v)}</td></tr>`).join("")}</table>`);
  }
  const testParts: string[] = [];
  testSection(input, testParts, cards);
  if (input.history && Object.keys(input.history).length) {
    const charts = historyCharts(input.history);
    parts.push(`<h2>Learning curves</h2><p class="note">Training (solid) against validation (dashed) per epoch. Both falling together: still learning (under-fitting if both stay high). Validation loss turning up while training loss keeps falling: over-fitting.</p>`);
    parts.push(`<div class="charts">${charts.map((c) => figure(`chart-${c.key}`, c.svg)).join("")}</div>`);
  }
  for (const p of testParts) parts.push(p);
  if (input.firstLayer) {
    const { kernel, inputShape, name } = input.firstLayer;
    const grid = filterGrid(kernel, inputShape, name);
    if (grid) parts.push(`<h2>What the first layer learned</h2><p class="note">Each picture is one filter (or unit): the input pattern it responds to most strongly.</p>${figure("first-layer", grid)}`);
    else if (kernel.rank === 2) parts.push(`<h2>What the first layer learned</h2><p class="note">How strongly each input feature feeds each unit of the first layer.</p>${figure("first-layer", weightHeatmap(kernel, name))}`);
  }
  if (input.modelSummary) parts.push(`<h2>Model</h2>${summaryTable(input.modelSummary)}`);
  return [
    "<!DOCTYPE html>",
    `<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title><style>${STYLE}</style></head>`,
    `<body><main><h1>${esc(title)}</h1><div class="cards">${cards.join("")}</div>${parts.join("\n")}`,
    `<p class="note">Generated by backprop.</p></main></body></html>`,
    "",
  ].join("\n");
}
