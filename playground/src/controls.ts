/** The form controls: filled from the settings lists, shown from settings, and wired to the page's handlers. */
import { parseCsv } from "./csv.js";
import type { Points } from "./data.js";
import { paintHeat } from "./draw.js";
import { featureThumbs } from "./features.js";
import { PRESETS } from "./presets.js";
import {
  ACTIVATIONS,
  DEFAULTS,
  FEATURE_LABELS,
  FEATURES,
  INITIALIZERS,
  LEARNING_RATES,
  LOSSES,
  MAX_LAYERS,
  OPTIMIZERS,
  parseSettings,
  REG_RATES,
  REGULARIZATIONS,
  SCHEDULES,
  settingsToHash,
  type Feature,
  type Settings,
} from "./settings.js";

export const byId = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the page has no #${id}`);
  return el as T;
};

export interface Handlers {
  get(): Settings;
  change(patch: Partial<Settings>): void;
  reset(): void;
  play(): void;
  step(): void;
  rollback(): void;
  upload(points: Points, classes: number): void;
  exportRun(): Promise<void>;
  exportCode(): Promise<void>;
  walk(index: number): void;
  race(): void;
  redraw(): void;
}

const fill = (id: string, values: readonly (string | number)[]): void => {
  const sel = byId<HTMLSelectElement>(id);
  for (const v of values) sel.add(new Option(String(v), String(v)));
};

/** Puts the settings into the controls (without firing their handlers). */
export function showSettings(s: Settings): void {
  const set = (id: string, v: string | number): void => void (byId<HTMLInputElement>(id).value = String(v));
  const check = (id: string, v: boolean): void => void (byId<HTMLInputElement>(id).checked = v);
  set("dataset", s.dataset);
  set("classes", s.classes);
  set("points", s.points);
  set("trainRatio", s.trainRatio);
  byId("trainRatio-out").textContent = String(s.trainRatio);
  set("noise", s.noise);
  byId("noise-out").textContent = String(s.noise);
  set("seed", s.seed);
  set("activation", s.activations.every((a) => a === s.activations[0]) ? (s.activations[0] ?? "tanh") : "");
  for (const id of [
    "init",
    "optimizer",
    "schedule",
    "loss",
    "regularization",
    "batchSize",
    "dropout",
    "stopEpoch",
    "stopLoss",
  ] as const)
    set(id, s[id]);
  set("learningRate", s.learningRate);
  if (byId<HTMLSelectElement>("learningRate").value !== String(s.learningRate)) {
    byId<HTMLSelectElement>("learningRate").add(new Option(String(s.learningRate), String(s.learningRate)));
    set("learningRate", s.learningRate);
  }
  set("regRate", s.regRate);
  check("batchNorm", s.batchNorm);
  check("showTestData", s.showTestData);
  check("discretize", s.discretize);
  for (const f of FEATURES) check(`feature-${f}`, s.features.includes(f));
  byId("layer-count").textContent = `${s.layers.length} hidden layer${s.layers.length === 1 ? "" : "s"}`;
  byId<HTMLButtonElement>("add-layer").disabled = s.layers.length >= MAX_LAYERS;
  byId<HTMLButtonElement>("remove-layer").disabled = s.layers.length === 0;
}

function featureToggles(h: Handlers): void {
  const box = byId("features");
  const thumbs = featureThumbs(FEATURES);
  FEATURES.forEach((f: Feature, i) => {
    const label = document.createElement("label");
    const input = Object.assign(document.createElement("input"), { type: "checkbox", id: `feature-${f}` });
    const cv = Object.assign(document.createElement("canvas"), { width: 40, height: 40 });
    cv.setAttribute("aria-hidden", "true");
    const ctx = cv.getContext("2d");
    if (ctx) paintHeat(ctx, thumbs[i] as Float32Array, 1, 0, false);
    input.onchange = () => {
      const on = FEATURES.filter((g) => byId<HTMLInputElement>(`feature-${g}`).checked);
      if (on.length === 0) input.checked = true;
      else h.change({ features: on });
    };
    label.append(input, cv, FEATURE_LABELS[f]);
    box.appendChild(label);
  });
}

/** Fills the selects and connects every control. */
export function bindControls(h: Handlers): void {
  fill("activation", ACTIVATIONS);
  fill("init", INITIALIZERS);
  fill("optimizer", OPTIMIZERS);
  fill("learningRate", LEARNING_RATES);
  fill("schedule", SCHEDULES);
  fill("loss", LOSSES);
  fill("regularization", REGULARIZATIONS);
  fill("regRate", REG_RATES);
  const presets = byId<HTMLSelectElement>("preset");
  PRESETS.forEach((p, i) => presets.add(new Option(p.name, String(i))));
  featureToggles(h);

  const num = (id: string): number => Number(byId<HTMLInputElement>(id).value);
  const on = (id: string, ev: string, f: () => void): void => byId(id).addEventListener(ev, f);
  on("dataset", "change", () =>
    h.change({ dataset: byId<HTMLSelectElement>("dataset").value as Settings["dataset"] }),
  );
  for (const id of [
    "classes",
    "points",
    "noise",
    "trainRatio",
    "seed",
    "batchSize",
    "dropout",
    "stopEpoch",
    "stopLoss",
    "regRate",
    "learningRate",
  ] as const) {
    on(id, "change", () => h.change({ [id]: num(id) }));
  }
  for (const id of ["init", "optimizer", "schedule", "loss", "regularization"] as const)
    on(id, "change", () => h.change({ [id]: byId<HTMLSelectElement>(id).value }));
  for (const id of ["batchNorm", "showTestData", "discretize"] as const)
    on(id, "change", () => h.change({ [id]: byId<HTMLInputElement>(id).checked }));
  on("noise", "input", () => (byId("noise-out").textContent = byId<HTMLInputElement>("noise").value));
  on(
    "trainRatio",
    "input",
    () => (byId("trainRatio-out").textContent = byId<HTMLInputElement>("trainRatio").value),
  );
  on("activation", "change", () =>
    h.change({ activations: h.get().layers.map(() => byId<HTMLSelectElement>("activation").value) }),
  );
  on("logScale", "change", h.redraw);
  on("add-layer", "click", () => {
    const s = h.get();
    h.change({
      layers: [...s.layers, s.layers[s.layers.length - 1] ?? 4],
      activations: [...s.activations, s.activations[s.activations.length - 1] ?? "tanh"],
    });
  });
  on("remove-layer", "click", () =>
    h.change({ layers: h.get().layers.slice(0, -1), activations: h.get().activations.slice(0, -1) }),
  );
  on("regenerate", "click", () => h.change({ seed: Math.floor(Math.random() * 100000) }));
  on("reset", "click", h.reset);
  on("play", "click", h.play);
  on("step", "click", h.step);
  on("rollback", "click", h.rollback);
  on("export-run", "click", () => void h.exportRun());
  on("export-code", "click", () => void h.exportCode());
  on("walk", "click", () => h.walk(num("walk-index")));
  on("race", "click", h.race);
  on("preset", "change", () => {
    const p = PRESETS[Number(presets.value)];
    byId("preset-why").textContent = p?.why ?? "";
    if (!p) return;
    const params = new URLSearchParams(settingsToHash({ ...DEFAULTS, seed: h.get().seed }));
    for (const [k, v] of new URLSearchParams(p.hash)) params.set(k, v);
    h.change(parseSettings(params.toString()));
  });
  on("csv", "change", async () => {
    const file = byId<HTMLInputElement>("csv").files?.[0];
    const err = byId("error");
    const info = byId("csv-info");
    if (!file) return;
    try {
      const { points, classes, targetRange } = parseCsv(await file.text(), file.name);
      err.hidden = true;
      const n = points.label.length.toLocaleString("en-US");
      info.textContent = targetRange
        ? `${file.name}: ${n} rows, a regression target from ${targetRange[0]} to ${targetRange[1]} (shown as −1 to 1).`
        : `${file.name}: ${n} rows, ${classes} classes.`;
      h.upload(points, classes);
    } catch (e) {
      info.textContent = "";
      err.textContent = (e as Error).message;
      err.hidden = false;
    }
  });
  document.addEventListener("keydown", (e) => {
    const t = e.target as HTMLElement;
    if (t.closest("input, select, textarea, button")) return;
    if (e.key === " ") {
      e.preventDefault();
      h.play();
    } else if (e.key === "s") h.step();
    else if (e.key === "r") h.reset();
  });
}
