/**
 * The page: settings ⇄ controls ⇄ URL, the training worker, and a draw loop on requestAnimationFrame
 * that paints the latest update. `window.backpropPlayground` is a read-only hook for automated checks.
 */
import type { Points } from "./data.js";
import { paintChart, paintHeat, paintHistogram, paintPoints, toData } from "./draw.js";
import { snippet } from "./snippet.js";
import { LayersView } from "./layers-view.js";
import { NetworkView } from "./network-view.js";
import type { DataMessage, FromWorker, RaceResult, ToWorker, Update, WalkResult } from "./protocol.js";
import { drawRace } from "./race-view.js";
import { bindDigits } from "./digits-view.js";
import { bindControls, byId, showSettings } from "./controls.js";
import { featureThumbs } from "./features.js";
import { parseSettings, settingsToHash, type Settings } from "./settings.js";

const worker = new Worker(new URL(`./worker.js${location.search}`, import.meta.url), { type: "module" });
let settings: Settings = parseSettings(location.hash);
let custom: Points | undefined;
let data: DataMessage | undefined;
let last: Update | undefined;
let curve: { epoch: number; train: number; test: number }[] = [];
let dirty = true;
let hover = { layer: -1, unit: -1 };
let ids = 0;
const waiting = new Map<number, (m: FromWorker) => void>();
let initWaiters: (() => void)[] = [];
/** Set by reset until the new run's data arrives: updates before it belong to the old run. */
let awaitingData = false;
const frames: number[] = [];
let lastWalk: WalkResult | undefined;
let lastRace: RaceResult | undefined;

const send = (m: ToWorker): void => worker.postMessage(m);
const request = <T extends FromWorker>(make: (id: number) => ToWorker): Promise<T> =>
  new Promise((ok) => {
    const id = ++ids;
    waiting.set(id, ok as (m: FromWorker) => void);
    send(make(id));
  });

const digits = bindDigits(request, () => settings.seed);
const layersView = new LayersView(byId("layers-view"));
const net = new NetworkView(byId("net"), byId("hover"), {
  hoverNeuron: (layer, unit) => ((hover = { layer, unit }), (dirty = true)),
  editWeight: (layer, row, col, current, at) => openEditor(layer, row, col, current, at),
  setUnits: (i, units) => change({ layers: settings.layers.map((u, j) => (j === i ? units : u)) }),
  setActivation: (i, a) => change({ activations: settings.activations.map((x, j) => (j === i ? a : x)) }),
});

/** Applies a settings change: the URL follows; anything but the view toggles and the learning rate restarts the run. */
function change(patch: Partial<Settings>): void {
  const before = settings;
  settings = parseSettings(settingsToHash({ ...settings, ...patch }));
  replaceUrl();
  const keys = Object.keys(patch) as (keyof Settings)[];
  if (keys.every((k) => k === "showTestData" || k === "discretize")) {
    dirty = true;
  } else if (keys.every((k) => k === "learningRate")) {
    send({ type: "learningRate", value: settings.learningRate });
  } else if (keys.every((k) => k === "stopEpoch" || k === "stopLoss") && before.schedule === "constant") {
    void reset();
  } else void reset();
  showSettings(settings);
}

function replaceUrl(): void {
  const hash = `#${settingsToHash(settings)}`;
  if (location.hash !== hash) window.history.replaceState(null, "", hash);
}

/** Restarts the run from the settings (same seed: same data and initial weights); resolves once the first update is drawn. */
function reset(): Promise<void> {
  curve = [];
  awaitingData = true;
  // `last` stays until the new run's first update replaces it, so the hook never reports an empty run
  lastWalk = undefined;
  lastRace = undefined;
  layersView.clear();
  net.layout(
    settings,
    settings.dataset === "plane" || settings.dataset === "multigauss"
      ? 1
      : settings.dataset === "circle" || settings.dataset === "xor" || settings.classes === 2
        ? 1
        : settings.classes,
  );
  send({ type: "init", settings, custom: settings.dataset === "custom" ? custom : undefined });
  return new Promise((ok) => initWaiters.push(ok));
}

worker.onmessage = (e: MessageEvent<FromWorker>) => {
  const m = e.data;
  if (m.type === "data") {
    data = m;
    awaitingData = false;
    net.layout(settings, m.initial[m.initial.length - 1]?.units ?? 1);
  } else if (m.type === "update") {
    last = m;
    layersView.add(m.stats);
    if (curve.length === 0 || curve[curve.length - 1]?.epoch !== m.epoch)
      curve.push({ epoch: m.epoch, train: m.trainLoss, test: m.testLoss });
    if (curve.length > 4000) curve = curve.filter((_, i) => i % 2 === 0);
    dirty = true;
    if (!awaitingData) {
      const w = initWaiters;
      initWaiters = [];
      w.forEach((f) => f());
    }
  } else if (m.type === "error") {
    const el = byId("error");
    el.textContent = m.message;
    el.hidden = false;
  } else if ("id" in m) {
    waiting.get(m.id)?.(m);
    waiting.delete(m.id);
    digits.onMessage(m);
    if (m.type === "race") {
      lastRace = m;
      drawRace(m, byId("race-search"), byId("race-surface"), byId("race-legend"));
    }
    if (m.type === "walk") {
      lastWalk = m;
      showWalk(m);
    }
  }
};

function openEditor(
  layer: number,
  row: number,
  col: number,
  current: number,
  at: { x: number; y: number },
): void {
  const form = byId<HTMLFormElement>("edit");
  const input = byId<HTMLInputElement>("edit-value");
  input.value = String(current);
  form.style.left = `${at.x}px`;
  form.style.top = `${at.y}px`;
  form.hidden = false;
  input.focus();
  form.onsubmit = (e) => {
    e.preventDefault();
    const v = Number(input.value);
    if (Number.isFinite(v)) send({ type: "setWeight", layer, row, col, value: v });
    form.hidden = true;
  };
  form.onkeydown = (e) => {
    if (e.key === "Escape") form.hidden = true;
  };
}

function draw(): void {
  const u = last;
  if (!u || !data) return;
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
  const heat = byId<HTMLCanvasElement>("heat").getContext("2d") as CanvasRenderingContext2D;
  const neuron = hover.layer >= 0 ? u.neurons[hover.layer] : undefined;
  if (neuron && hover.unit >= 0) paintHeat(heat, neuron, 1, hover.unit * 1600, settings.discretize);
  else if (hover.layer === -1 && hover.unit >= 0)
    paintHeat(heat, featureThumbs(settings.features)[hover.unit] ?? u.heat, 1, 0, settings.discretize);
  else paintHeat(heat, u.heat, u.channels, 0, settings.discretize);
  paintPoints(heat, data.train, data.regression, false);
  if (settings.showTestData) paintPoints(heat, data.test, data.regression, true);
  paintChart(
    byId<HTMLCanvasElement>("chart").getContext("2d") as CanvasRenderingContext2D,
    curve,
    byId<HTMLInputElement>("logScale").checked,
  );
  const wh = byId<HTMLCanvasElement>("weight-hist").getContext("2d") as CanvasRenderingContext2D;
  wh.clearRect(0, 0, wh.canvas.width, wh.canvas.height);
  const all = (ws: typeof u.weights): number[] => ws.flatMap((w) => Array.from(w.kernel));
  const range: [number, number] = [-2, 2];
  paintHistogram(wh, all(data.initial), "rgba(120,120,120,0.6)", range);
  paintHistogram(wh, all(u.weights), "rgba(8,119,189,0.6)", range);
  confusion(u.confusion);
  net.draw(u, featureThumbs(settings.features));
}

function confusion(m: number[][] | undefined): void {
  const t = byId<HTMLTableElement>("confusion");
  t.hidden = !m;
  if (!m) return;
  t.innerHTML =
    `<tr><th>true \\ predicted</th>${m.map((_, j) => `<th>${j}</th>`).join("")}</tr>` +
    m.map((row, i) => `<tr><th>${i}</th>${row.map((c) => `<td>${c}</td>`).join("")}</tr>`).join("");
}

function showWalk(w: WalkResult): void {
  byId("walk-check").textContent =
    `Loss at this point ${w.loss.toPrecision(6)}. bp.checkGrad against central differences: max relative error ${w.checkGrad.maxRelError.toExponential(2)} (${w.checkGrad.ok ? "agrees" : "disagrees"}).`;
  const fmt = (v: number): string => (Number.isNaN(v) ? "(Jacobian)" : v.toPrecision(4));
  byId("walk-steps").innerHTML = w.edges
    .map((e) => `<li>${e.label}: ${fmt(e.upstream)} × ${fmt(e.local)} = ${fmt(e.downstream)}</li>`)
    .join("");
}

function frame(t: number): void {
  frames.push(t);
  while (frames.length > 0 && (frames[0] as number) < t - 1000) frames.shift();
  if (dirty) {
    dirty = false;
    draw();
  }
  requestAnimationFrame(frame);
}

// drawing points on the output
byId<HTMLCanvasElement>("heat").addEventListener("click", (e) => {
  if (!byId<HTMLInputElement>("draw").checked || !data) return;
  const cv = e.currentTarget as HTMLCanvasElement;
  const r = cv.getBoundingClientRect();
  const [x, y] = toData(e.clientX - r.left, e.clientY - r.top, r.width, r.height);
  const xy = [...(custom?.xy ?? [...data.train.xy, ...data.test.xy])];
  const label = [...(custom?.label ?? [...data.train.label, ...data.test.label])];
  if (e.shiftKey) {
    let best = -1;
    let bd = 0.5;
    for (let i = 0; i < label.length; i++) {
      const d = Math.hypot((xy[2 * i] as number) - x, (xy[2 * i + 1] as number) - y);
      if (d < bd) [best, bd] = [i, d];
    }
    if (best >= 0) {
      xy.splice(2 * best, 2);
      label.splice(best, 1);
    }
  } else {
    xy.push(x, y);
    label.push(Math.min(4, Math.max(0, Math.round(Number(byId<HTMLInputElement>("drawClass").value)))));
  }
  custom = { xy: Float32Array.from(xy), label: Float32Array.from(label) };
  const classes = Math.max(2, Math.max(...label) + 1);
  change({ dataset: "custom", classes });
});

async function download(name: string, text: string): Promise<void> {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  a.download = name;
  a.click();
  await new Promise((ok) => setTimeout(ok, 1000));
  URL.revokeObjectURL(a.href);
}

const exportRun = async (): Promise<string> =>
  (await request<{ type: "exported"; id: number; json: string }>((id) => ({ type: "export", id }))).json;

bindControls({
  get: () => settings,
  change,
  reset: () => void reset(),
  play: () => send({ type: last?.playing ? "pause" : "play" }),
  step: () => void request((id) => ({ type: "step", n: 1, id })),
  rollback: () => send({ type: "rollback" }),
  upload: (points, classes) => {
    custom = points;
    change({ dataset: "custom", classes });
  },
  exportRun: async () => download("run.json", await exportRun()),
  exportCode: async () => download("train-run.mjs", snippet(await exportRun())),
  walk: (index) => void request((id) => ({ type: "walk", index, id })),
  race: () => void request((id) => ({ type: "race", id })),
  redraw: () => (dirty = true),
});

/** The read-only hook for automated checks: what a person sees, and the buttons a person presses. */
const hook = {
  state: () => ({
    epoch: last?.epoch ?? 0,
    trainLoss: last?.trainLoss ?? NaN,
    testLoss: last?.testLoss ?? NaN,
    playing: last?.playing ?? false,
    settings: structuredClone(settings),
    trainAccuracy: last?.trainAccuracy,
    testAccuracy: last?.testAccuracy,
    weights: (last?.weights ?? []).map((w) => ({
      name: w.name,
      kernel: Array.from(w.kernel),
      bias: Array.from(w.bias),
    })),
    nan: last?.nan,
    stepsPerSecond: last?.stepsPerSecond ?? 0,
    epochsPerSecond: last?.epochsPerSecond ?? 0,
    framesPerSecond: frames.length,
    threads: last?.threads ?? 0,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    points: { train: data?.train.label.length ?? 0, test: data?.test.label.length ?? 0 },
    confusion: last?.confusion,
    layers: last?.stats.map((l) => ({
      name: l.name,
      gradientRms: l.gradientRms,
      gradients: l.gradients,
      activations: l.activations,
    })),
    digits: digits.state(),
    race: lastRace && { search: lastRace.search, optimizers: lastRace.optimizers },
    walk: lastWalk && {
      loss: lastWalk.loss,
      checkGrad: lastWalk.checkGrad,
      numeric: lastWalk.numeric,
      gradients: lastWalk.gradients,
      edges: lastWalk.edges.length,
    },
  }),
  play: (): void => send({ type: "play" }),
  pause: (): void => send({ type: "pause" }),
  step: async (n = 1): Promise<void> => void (await request((id) => ({ type: "step", n, id }))),
  reset,
};
(window as unknown as { backpropPlayground: typeof hook }).backpropPlayground = hook;

window.addEventListener("hashchange", () => {
  const next = parseSettings(location.hash);
  if (settingsToHash(next) === settingsToHash(settings)) return;
  settings = next;
  showSettings(settings);
  void reset();
});
showSettings(settings);
replaceUrl();
void reset();
requestAnimationFrame(frame);
