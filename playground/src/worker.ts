/**
 * The training worker: owns the Trainer, trains while playing in slices of about 25 ms, and after
 * each slice posts what the page draws. On the wasm backend, with helper threads when the page is
 * cross-origin isolated (SharedArrayBuffer) and one thread otherwise.
 */
import * as bp from "../../src/index.js";
import type { FromWorker, ToWorker, Update } from "./protocol.js";
import { classify, convolve, trainCnn } from "./digits.js";
import { optimizerRace, searchRace } from "./race.js";
import { layerStats } from "./stats.js";
import { Trainer } from "./trainer.js";
import { walk } from "./walk.js";

const scope = globalThis as unknown as {
  postMessage(m: FromWorker, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
  crossOriginIsolated?: boolean;
};
const SLICE_MS = 40;
/**
 * While playing, the page hears at most every UPDATE_MS and at least ten times the last update's cost
 * apart: losses, views and metrics are forward passes over every point and the grid, and for a deep
 * network they would otherwise take a fifth of the time left for training. MAX_UPDATE_MS bounds the
 * gap (on a busy machine an update's wall time is mostly waiting for a core).
 */
const UPDATE_MS = 50;
const MAX_UPDATE_MS = 200;
/** The layer histograms (a forward and backward pass over the training set) while playing: at most this often. */
const STATS_MS = 250;
/** Running estimate of one epoch's training time. */
let msPerEpoch = 10;
let lastUpdate = { at: -Infinity, cost: 0 };
let lastStats = -Infinity;
let stats: Update["stats"] = [];

let trainer: Trainer | undefined;
let playing = false;
let rate = { steps: 0, epochs: 0, since: 0, stepsPerSecond: 0, epochsPerSecond: 0 };
/** A message, or the worker's own "train the next slice" job while playing. */
type Job = ToWorker | { type: "tick" };
const queue: Job[] = [];
let busy = false;

const post = (m: FromWorker, transfer: Transferable[] = []): void => scope.postMessage(m, transfer);

/** Whether the page should hear about the run now (while playing; otherwise always). */
const updateDue = (now: number): boolean =>
  now - lastUpdate.at >= Math.min(MAX_UPDATE_MS, Math.max(UPDATE_MS, 10 * lastUpdate.cost));

function update(): void {
  const t = trainer;
  if (!t) return;
  const began = performance.now();
  t.refresh();
  const v = t.views();
  const m = t.metrics();
  const now = performance.now();
  if (now - rate.since > 500) {
    const dt = (now - rate.since) / 1000;
    rate = {
      steps: t.steps,
      epochs: t.epoch,
      since: now,
      stepsPerSecond: (t.steps - rate.steps) / dt,
      epochsPerSecond: (t.epoch - rate.epochs) / dt,
    };
  }
  const weights = t.weights();
  const msg: Update = {
    type: "update",
    epoch: t.epoch,
    trainLoss: t.trainLoss,
    testLoss: t.testLoss,
    trainAccuracy: m.trainAccuracy,
    testAccuracy: m.testAccuracy,
    confusion: m.confusion,
    heat: v.heat,
    channels: v.channels,
    neurons: v.neurons,
    weights,
    stats: layerStatsNow(t),
    playing,
    stepsPerSecond: playing ? rate.stepsPerSecond : 0,
    epochsPerSecond: playing ? rate.epochsPerSecond : 0,
    nan: t.nan,
    learningRate: t.model.getLearningRate(),
    threads: bp.getThreads(),
    tampered: t.tampered,
  };
  post(msg, [
    v.heat.buffer,
    ...v.neurons.map((n) => n.buffer),
    ...weights.flatMap((w) => [w.kernel.buffer, w.bias.buffer]),
  ]);
  const end = performance.now();
  lastUpdate = { at: end, cost: end - began };
}

/** Layer histograms: every update when paused, at most every STATS_MS while playing. */
function layerStatsNow(t: Trainer): Update["stats"] {
  if (t.nan) return [];
  const now = performance.now();
  if (!playing || now - lastStats >= STATS_MS || stats.length === 0) {
    lastStats = now;
    stats = layerStats(t);
  }
  return stats;
}

/** Whether a stop condition (epoch count, target test loss, non-finite loss) says to pause. */
function shouldStop(t: Trainer): boolean {
  const s = t.settings;
  return (
    t.nan !== undefined ||
    (s.stopEpoch > 0 && t.epoch >= s.stopEpoch) ||
    (s.stopLoss > 0 && t.testLoss <= s.stopLoss)
  );
}

async function playSlice(): Promise<void> {
  const t = trainer;
  if (!t || !playing) return;
  // as many epochs as fit in a slice, in one fit call, then one update for the page
  const left = t.settings.stopEpoch > 0 ? t.settings.stopEpoch - t.epoch : Infinity;
  const n = Math.max(1, Math.min(left, Math.floor(SLICE_MS / Math.max(1, msPerEpoch))));
  const start = performance.now();
  // the losses are needed now only for an update or a stop at a test loss
  await t.train(n, t.settings.stopLoss > 0 || updateDue(start + SLICE_MS));
  const end = performance.now();
  msPerEpoch = 0.7 * msPerEpoch + (0.3 * (end - start)) / n;
  if (shouldStop(t)) playing = false;
  if (!playing || updateDue(end)) update();
  if (playing) nextTick.postMessage(null);
}

/** The next slice as a task of its own (messages such as pause run first); a message port has no 4 ms timer clamp. */
const ticks = new MessageChannel();
ticks.port1.onmessage = () => void run({ type: "tick" });
const nextTick = ticks.port2;

async function handle(m: Job): Promise<void> {
  switch (m.type) {
    case "tick":
      await playSlice();
      return;
    case "init":
      trainer?.dispose();
      playing = false;
      trainer = new Trainer(m.settings, m.custom);
      stats = [];
      post({
        type: "data",
        train: trainer.data.train,
        test: trainer.data.test,
        classes: trainer.classes,
        regression: trainer.head.units === 1 && trainer.classes === 1,
        initial: trainer.weights(),
      });
      update();
      return;
    case "play":
      if (!trainer) return;
      if (!playing) rate = { ...rate, steps: trainer.steps, epochs: trainer.epoch, since: performance.now() };
      if (!playing) {
        playing = !trainer.nan && !shouldStop(trainer);
        await playSlice();
      }
      return;
    case "pause":
      playing = false;
      update();
      return;
    case "step":
      if (trainer) {
        playing = false;
        await trainer.train(Math.max(1, Math.floor(m.n)));
        update();
      }
      post({ type: "stepped", id: m.id });
      return;
    case "learningRate":
      trainer?.setLearningRate(m.value);
      update();
      return;
    case "setWeight":
      trainer?.setWeight(m.layer, m.row, m.col, m.value);
      update();
      return;
    case "rollback":
      trainer?.rollback();
      update();
      return;
    case "export":
      post({ type: "exported", id: m.id, json: trainer?.exportRun() ?? "{}" });
      return;
    case "convolve":
      post({ type: "convolved", id: m.id, ...(await convolve(m.index)) });
      return;
    case "trainCnn":
      post({ type: "cnn", id: m.id, ...(await trainCnn(m.seed)) });
      return;
    case "classify":
      post({ type: "classified", id: m.id, probabilities: classify(m.pixels) });
      return;
    case "race":
      if (trainer) post({ type: "race", id: m.id, search: searchRace(trainer), optimizers: optimizerRace() });
      return;
    case "walk":
      if (trainer) post(walk(trainer, m.index, m.id));
  }
}

/** Messages run one at a time, in order (a play slice is one of them, so pause lands between slices). */
async function run(m: Job): Promise<void> {
  queue.push(m);
  if (busy) return;
  busy = true;
  try {
    while (queue.length > 0) {
      const next = queue.shift() as Job;
      await handle(next);
    }
  } catch (e) {
    playing = false;
    post({ type: "error", message: e instanceof Error ? e.message : String(e) });
  } finally {
    busy = false;
  }
}

/** Threads for training: with shared memory, all cores but one (the page needs one to draw); `?threads=N` overrides. */
function threads(): number {
  const asked = Number(new URLSearchParams(location.search).get("threads"));
  if (scope.crossOriginIsolated !== true) return 1;
  if (Number.isInteger(asked) && asked >= 1) return asked;
  return Math.max(1, (navigator.hardwareConcurrency || 1) - 1);
}
bp.setThreads(threads());
scope.onmessage = (e) => void run(e.data);
