/**
 * The page: settings ⇄ controls ⇄ URL, the training worker, and a draw loop on requestAnimationFrame
 * that paints the latest update. `window.backpropPlayground` is a read-only hook for automated checks.
 */
import type { Points } from "./data.js";
import { toData } from "./draw.js";
import { snippet } from "./snippet.js";
import { LayersView } from "./layers-view.js";
import { NetworkView } from "./network-view.js";
import type { DataMessage, FromWorker, RaceResult, ToWorker, Update, WalkResult } from "./protocol.js";
import { drawRace } from "./race-view.js";
import { bindDigits } from "./digits-view.js";
import { bindControls, byId, showSettings } from "./controls.js";
import { bindClassroom, showClassroom } from "./classroom.js";
import { openEditor } from "./editor.js";
import { makeHook } from "./hook.js";
import { drawUpdate, showWalk, type CurvePoint } from "./page-view.js";
import { drawnClasses, editPoints } from "./point-editor.js";
import { classCount, isRegression, parseSettings, settingsToHash, type Settings } from "./settings.js";

const worker = new Worker(new URL(`./worker.js${location.search}`, import.meta.url), { type: "module" });
let settings: Settings = parseSettings(location.hash);
let custom: Points | undefined;
let data: DataMessage | undefined;
let last: Update | undefined;
let curve: CurvePoint[] = [];
let dirty = true;
let hover = { layer: -1, unit: -1 };
let ids = 0;
const waiting = new Map<number, (m: FromWorker) => void>();
let initWaiters: (() => void)[] = [];
/** Set by reset until the new run's data arrives: updates before it belong to the old run. */
let awaitingData = false;
/** Times of the frames and of the updates drawn in the last second. */
const frames: number[] = [];
const updates: number[] = [];
const lastSecond = (times: number[], now: number): number => {
  while (times.length > 0 && (times[0] as number) < now - 1000) times.shift();
  return times.length;
};
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
  editWeight: (layer, row, col, current, at, name) =>
    openEditor(current, at, name, (value) => send({ type: "setWeight", layer, row, col, value })),
  setUnits: (i, units) => change({ layers: settings.layers.map((u, j) => (j === i ? units : u)) }),
  setActivation: (i, a) => change({ activations: settings.activations.map((x, j) => (j === i ? a : x)) }),
});

/** Changes that only redraw: the view toggles and the hidden controls. */
const VIEW_ONLY: (keyof Settings)[] = ["showTestData", "discretize", "hide"];

/** Applies a settings change: the URL follows; anything but the view toggles and the learning rate restarts the run. */
function change(patch: Partial<Settings>): void {
  const before = settings;
  settings = parseSettings(settingsToHash({ ...settings, ...patch }));
  replaceUrl();
  const keys = Object.keys(patch) as (keyof Settings)[];
  if (keys.every((k) => VIEW_ONLY.includes(k))) {
    dirty = true;
  } else if (keys.every((k) => k === "learningRate")) {
    send({ type: "learningRate", value: settings.learningRate });
  } else if (keys.every((k) => k === "stopEpoch" || k === "stopLoss") && before.schedule === "constant") {
    void reset();
  } else void reset();
  show();
}

function show(): void {
  showSettings(settings);
  showClassroom(settings, byId<HTMLAnchorElement>("classroom-link"));
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
  net.layout(settings, classCount(settings) > 2 ? classCount(settings) : 1);
  send({ type: "init", settings, custom: settings.dataset === "custom" ? custom : undefined });
  return new Promise((ok) => initWaiters.push(ok));
}

function onUpdate(m: Update): void {
  last = m;
  updates.push(performance.now());
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
}

worker.onmessage = (e: MessageEvent<FromWorker>) => {
  const m = e.data;
  if (m.type === "data") {
    data = m;
    awaitingData = false;
    net.layout(settings, m.initial[m.initial.length - 1]?.units ?? 1);
  } else if (m.type === "update") onUpdate(m);
  else if (m.type === "error") {
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

function frame(t: number): void {
  frames.push(t);
  lastSecond(frames, t);
  if (dirty && last && data) {
    dirty = false;
    drawUpdate({ u: last, data, settings, curve, hover, net });
  }
  requestAnimationFrame(frame);
}

// drawing points on the output
byId<HTMLCanvasElement>("heat").addEventListener("click", (e) => {
  if (!byId<HTMLInputElement>("draw").checked || !data) return;
  const cv = e.currentTarget as HTMLCanvasElement;
  const r = cv.getBoundingClientRect();
  const [x, y] = toData(e.clientX - r.left, e.clientY - r.top, r.width, r.height);
  const all = custom ?? {
    xy: Float32Array.from([...data.train.xy, ...data.test.xy]),
    label: Float32Array.from([...data.train.label, ...data.test.label]),
  };
  const value = Number(byId<HTMLInputElement>("drawClass").value);
  if (isRegression(settings)) {
    custom = editPoints(all, x, y, e.shiftKey, Math.min(1, Math.max(-1, value)));
    change({ dataset: "custom", classes: 1 });
  } else {
    custom = editPoints(all, x, y, e.shiftKey, Math.min(4, Math.max(0, Math.round(value))));
    change({ dataset: "custom", classes: drawnClasses(custom) });
  }
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
bindClassroom(
  byId("classroom-boxes"),
  () => settings,
  (hide) => change({ hide }),
);

const hook = makeHook({
  last: () => last,
  data: () => data,
  settings: () => settings,
  framesPerSecond: () => lastSecond(frames, performance.now()),
  updatesPerSecond: () => lastSecond(updates, performance.now()),
  digits: () => digits.state(),
  race: () => lastRace,
  walk: () => lastWalk,
  play: () => send({ type: "play" }),
  pause: () => send({ type: "pause" }),
  step: async (n) => void (await request((id) => ({ type: "step", n, id }))),
  reset,
});
(window as unknown as { backpropPlayground: typeof hook }).backpropPlayground = hook;

window.addEventListener("hashchange", () => {
  const next = parseSettings(location.hash);
  if (settingsToHash(next) === settingsToHash(settings)) return;
  settings = next;
  show();
  void reset();
});
replaceUrl();
show();
void reset();
requestAnimationFrame(frame);
