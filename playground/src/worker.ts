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
const SLICE_MS = 25;

let trainer: Trainer | undefined;
let playing = false;
let rate = { steps: 0, epochs: 0, since: 0, stepsPerSecond: 0, epochsPerSecond: 0 };
/** A message, or the worker's own "train the next slice" job while playing. */
type Job = ToWorker | { type: "tick" };
const queue: Job[] = [];
let busy = false;

const post = (m: FromWorker, transfer: Transferable[] = []): void => scope.postMessage(m, transfer);

function update(): void {
  const t = trainer;
  if (!t) return;
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
    stats: t.nan ? [] : layerStats(t),
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
  const start = performance.now();
  do {
    await t.train(1);
    if (shouldStop(t)) playing = false;
  } while (playing && performance.now() - start < SLICE_MS);
  update();
  if (playing) setTimeout(() => void run({ type: "tick" }), 0);
}

async function handle(m: Job): Promise<void> {
  switch (m.type) {
    case "tick":
      await playSlice();
      return;
    case "init":
      trainer?.dispose();
      playing = false;
      trainer = new Trainer(m.settings, m.custom);
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
        for (let i = 0; i < m.n && !trainer.nan; i++) await trainer.train(1);
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
