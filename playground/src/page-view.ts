/** Paints one update from the worker into the page: counters, losses, heat map, charts, matrix, network. */
import type { Points } from "./data.js";
import { paintChart, paintHeat, paintHistogram, paintPoints } from "./draw.js";
import { byId } from "./controls.js";
import { featureThumbs } from "./features.js";
import type { NetworkView } from "./network-view.js";
import type { DataMessage, DenseWeights, Update, WalkResult } from "./protocol.js";
import type { Settings } from "./settings.js";

export interface CurvePoint {
  epoch: number;
  train: number;
  test: number;
}

export interface View {
  u: Update;
  data: DataMessage;
  settings: Settings;
  curve: CurvePoint[];
  /** Neuron shown large: layer −1 with a unit is an input feature; unit −1 is the output. */
  hover: { layer: number; unit: number };
  net: NetworkView;
}

const ctx2d = (id: string): CanvasRenderingContext2D =>
  byId<HTMLCanvasElement>(id).getContext("2d") as CanvasRenderingContext2D;

/** The numbers above the plots and the transport's state. */
function counters(u: Update): void {
  byId("epoch").textContent = u.epoch.toLocaleString("en-US").padStart(7, "0");
  byId("speed").textContent = Math.round(u.stepsPerSecond).toLocaleString("en-US");
  byId("threads").textContent = `${u.threads} thread${u.threads === 1 ? "" : "s"}`;
  byId("trainLoss").textContent = u.trainLoss.toFixed(3);
  byId("testLoss").textContent = u.testLoss.toFixed(3);
  byId("trainAcc").textContent =
    u.trainAccuracy === undefined ? "–" : `${(u.trainAccuracy * 100).toFixed(1)}%`;
  byId("testAcc").textContent = u.testAccuracy === undefined ? "–" : `${(u.testAccuracy * 100).toFixed(1)}%`;
  byId("acc-wrap").hidden = u.trainAccuracy === undefined;
  const play = byId<HTMLButtonElement>("play");
  play.textContent = u.playing ? "Pause" : "Play";
  play.setAttribute("aria-pressed", String(u.playing));
  byId("nan").hidden = u.nan === undefined;
  byId("nan-text").textContent = u.nan?.message ?? "";
  byId<HTMLButtonElement>("rollback").disabled = !u.nan?.canRollback;
}

/** The output (or the hovered neuron) over the plane, with the training (and test) points. */
function heat(v: View): void {
  const { u, hover, settings } = v;
  const ctx = ctx2d("heat");
  const neuron = hover.layer >= 0 ? u.neurons[hover.layer] : undefined;
  if (neuron && hover.unit >= 0) paintHeat(ctx, neuron, 1, hover.unit * 1600, settings.discretize);
  else if (hover.layer === -1 && hover.unit >= 0)
    paintHeat(ctx, featureThumbs(settings.features)[hover.unit] ?? u.heat, 1, 0, settings.discretize);
  else paintHeat(ctx, u.heat, u.channels, 0, settings.discretize);
  const pts = (p: Points, test: boolean): void => paintPoints(ctx, p, v.data.regression, test);
  pts(v.data.train, false);
  if (settings.showTestData) pts(v.data.test, true);
}

/** Draws everything an update changes. */
export function drawUpdate(v: View): void {
  counters(v.u);
  heat(v);
  paintChart(ctx2d("chart"), v.curve, byId<HTMLInputElement>("logScale").checked);
  const wh = ctx2d("weight-hist");
  wh.clearRect(0, 0, wh.canvas.width, wh.canvas.height);
  const all = (ws: DenseWeights[]): number[] => ws.flatMap((w) => Array.from(w.kernel));
  const range: [number, number] = [-2, 2];
  paintHistogram(wh, all(v.data.initial), "rgba(120,120,120,0.6)", range);
  paintHistogram(wh, all(v.u.weights), "rgba(8,119,189,0.6)", range);
  confusion(v.u.confusion);
  v.net.draw(v.u, featureThumbs(v.settings.features));
}

function confusion(m: number[][] | undefined): void {
  const t = byId<HTMLTableElement>("confusion");
  t.hidden = !m;
  if (!m) return;
  t.innerHTML =
    `<tr><th>true \\ predicted</th>${m.map((_, j) => `<th>${j}</th>`).join("")}</tr>` +
    m.map((row, i) => `<tr><th>${i}</th>${row.map((c) => `<td>${c}</td>`).join("")}</tr>`).join("");
}

/** The backprop walk: the check against central differences and one line per edge. */
export function showWalk(w: WalkResult): void {
  byId("walk-check").textContent =
    `Loss at this point ${w.loss.toPrecision(6)}. bp.checkGrad against central differences: max relative error ${w.checkGrad.maxRelError.toExponential(2)} (${w.checkGrad.ok ? "agrees" : "disagrees"}).`;
  const fmt = (v: number): string => (Number.isNaN(v) ? "(Jacobian)" : v.toPrecision(4));
  byId("walk-steps").innerHTML = w.edges
    .map((e) => `<li>${e.label}: ${fmt(e.upstream)} × ${fmt(e.local)} = ${fmt(e.downstream)}</li>`)
    .join("");
}
