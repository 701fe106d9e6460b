/** The messages between the page and its training worker. */
import type { Points } from "./data.js";
import type { Settings } from "./settings.js";

/** Grid side of the heat map and neuron thumbnails (points over [−6, 6]²). */
export const GRID = 40;
export const DOMAIN = 6;

export type ToWorker =
  | { type: "init"; settings: Settings; custom?: Points | undefined }
  | { type: "play" }
  | { type: "pause" }
  | { type: "step"; n: number; id: number }
  | { type: "learningRate"; value: number }
  | { type: "setWeight"; layer: number; row: number; col: number; value: number }
  | { type: "rollback" }
  | { type: "export"; id: number }
  | { type: "walk"; index: number; id: number }
  | { type: "race"; id: number }
  | { type: "convolve"; index: number; id: number }
  | { type: "trainCnn"; seed: number; id: number }
  | { type: "classify"; pixels: Float32Array; id: number };

/** One dense layer's weights: kernel [inputs × units] row-major, bias [units]. */
export interface DenseWeights {
  name: string;
  inputs: number;
  units: number;
  kernel: Float32Array;
  bias: Float32Array;
}

/** Histograms of one dense layer at one moment: its outputs on the training data and its kernel's gradient. */
export interface LayerStats {
  name: string;
  /** Counts of the outputs in STAT_BINS bins over [−lim, lim]. */
  activations: number[];
  activationLimit: number;
  /** Counts of log10 |dL/dw| in STAT_BINS bins over [GRAD_LOG_MIN, GRAD_LOG_MAX]. */
  gradients: number[];
  /** Root mean square of the kernel's gradient. */
  gradientRms: number;
}
export const STAT_BINS = 24;
export const GRAD_LOG_MIN = -9;
export const GRAD_LOG_MAX = 1;

export interface NanReport {
  epoch: number;
  layer: string;
  message: string;
  canRollback: boolean;
}

export interface Update {
  type: "update";
  epoch: number;
  trainLoss: number;
  testLoss: number;
  trainAccuracy: number | undefined;
  testAccuracy: number | undefined;
  /** rows = true class, columns = predicted (test data). */
  confusion: number[][] | undefined;
  /** GRID² × channels display values: one channel in [−1, 1] (binary / regression) or class probabilities. */
  heat: Float32Array;
  channels: number;
  /** Per hidden layer: units × GRID² neuron outputs (unit-major). */
  neurons: Float32Array[];
  weights: DenseWeights[];
  stats: LayerStats[];
  playing: boolean;
  stepsPerSecond: number;
  epochsPerSecond: number;
  nan: NanReport | undefined;
  learningRate: number;
  threads: number;
  /** Model changed by hand (weight edits, live learning-rate changes): an export is then not reproducible. */
  tampered: boolean;
}

export interface DataMessage {
  type: "data";
  train: Points;
  test: Points;
  classes: number;
  regression: boolean;
  /** Weights right after initialization (for the initial weight distribution). */
  initial: DenseWeights[];
}

export interface WalkEdge {
  label: string;
  upstream: number;
  local: number;
  downstream: number;
}
export interface WalkResult {
  type: "walk";
  id: number;
  /** Per dense layer: the chain-rule gradient of the loss for kernel and bias, from bp.grad. */
  gradients: { name: string; kernel: number[]; bias: number[] }[];
  /** Central-difference check of the same gradients by bp.checkGrad. */
  checkGrad: { maxRelError: number; ok: boolean };
  /** The same gradients by finite differences (kernel entries then bias, layer by layer). */
  numeric: number[];
  edges: WalkEdge[];
  loss: number;
}

export type FromWorker =
  | Update
  | DataMessage
  | { type: "stepped"; id: number }
  | { type: "exported"; id: number; json: string }
  | WalkResult
  | RaceResult
  | {
      type: "convolved";
      id: number;
      digit: number[];
      label: number;
      maps: Record<string, number[]>;
      learned: number[][];
    }
  | { type: "cnn"; id: number; accuracy: number; filters: number[][] }
  | { type: "classified"; id: number; probabilities: number[] | undefined }
  | { type: "error"; message: string };

export interface RaceResult {
  type: "race";
  id: number;
  /** Best training loss so far per step of each search method. */
  search: { random: number[]; local: number[]; gradient: number[] };
  /** Per optimizer, its path [x, y, f] over the ravine. */
  optimizers: Record<string, number[][]>;
}
