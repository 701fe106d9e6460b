/** fit's options, their defaults and checks. */
import { ValueError } from "../errors.js";
import { bool } from "../options.js";
import { getCapture } from "../tensor/compile-step.js";
import { rngFor } from "../tensor/random.js";
import type { TensorLike } from "../tensor/creation.js";
import type { Tensor } from "../tensor/tensor.js";
import type { Callback, CallbackHooks } from "./callbacks/callback.js";
import { TerminateOnNaN } from "./callbacks/terminate-on-nan.js";
import { nonNegativeInt, positiveInt } from "./checks.js";
import type { ClassWeight } from "./sample-weights.js";
import { defaultWriter, type Writer } from "./writer.js";

/**
 * Inputs and targets `fit`, `evaluate` and `predict` take: a tensor or nested arrays of numbers.
 *
 * @example
 * const x: bp.Data = [[0, 0], [0, 1], [1, 0], [1, 1]];   // a tensor, or nested arrays
 * const y: bp.Data = [[0], [1], [1], [0]];
 * const model = bp.sequential([bp.layers.dense({ units: 1, activation: "sigmoid", inputShape: [2] })]);
 * model.compile({ optimizer: "adam", loss: "binaryCrossentropy" });
 * model.predict(x).shape;   // => [4, 1]
 * (await model.fit(x, y, { epochs: 1, verbose: 0 })).history.loss!.length;   // => 1
 */
export type Data = Tensor | TensorLike;

/**
 * The options of `model.fit(x, y, options)`: epochs, batch size, shuffling, validation, weights, callbacks, `signal`.
 *
 * @example
 * const { x, y } = bp.data.toy.spiral({ n: 150, classes: 3, seed: 1 });
 * const args: bp.FitArgs = {
 *   epochs: 3, batchSize: 32, validationSplit: 0.2, shuffle: true, seed: 42,
 *   classWeight: { 0: 1, 1: 2 },   // classes left out weigh 1
 *   callbacks: [bp.callbacks.earlyStopping({ patience: 2 })], verbose: 0,
 * };
 * const model = bp.sequential([bp.layers.dense({ units: 16, activation: "relu", inputShape: [2] }), bp.layers.dense({ units: 3, activation: "softmax" })]);
 * model.compile({ optimizer: "adam", loss: "categoricalCrossentropy", metrics: ["accuracy"] });
 * Object.keys((await model.fit(x, y, args)).history);   // => ["loss", "accuracy", "val_loss", "val_accuracy", "lr"]
 */
export interface FitArgs {
  /** Index of the last epoch to run, exclusive (default 1); with initialEpoch, epochs initialEpoch..epochs-1 run. */
  epochs?: number;
  /** Samples per gradient step (default 32); the last batch of a pass may be smaller. */
  batchSize?: number;
  /** Shuffle the training samples before each pass (default true), seeded by `seed`. */
  shuffle?: boolean;
  /** Seed of the shuffling (default: drawn from the global generator, so bp.setSeed makes fit reproducible). */
  seed?: number;
  /** Fraction of the samples, taken from the end before shuffling, held out for validation (as Keras). */
  validationSplit?: number;
  /** Validation set [x, y] or [x, y, sampleWeight]; takes precedence over validationSplit. */
  validationData?: [Data, Data] | [Data, Data, Data];
  /** Batch size for validation (default batchSize). */
  validationBatchSize?: number;
  /** Weight of each class in the loss, e.g. { 0: 1, 1: 3 }; classes left out weigh 1 (Keras 3); multiplies sampleWeight. */
  classWeight?: ClassWeight;
  /** One non-negative weight per training sample. */
  sampleWeight?: Data;
  /** Batches per epoch (default: one pass over the data); batches continue from pass to pass. */
  stepsPerEpoch?: number;
  callbacks?: (Callback | CallbackHooks)[];
  /** 0 silent, 1 progress bar (one line per epoch when not a terminal), 2 one line per epoch. Default 1. */
  verbose?: 0 | 1 | 2;
  /** Epoch to start from (to resume training; default 0). */
  initialEpoch?: number;
  /**
   * A NaN or infinite loss stops training with a ValueError naming the epoch and batch, before that
   * batch's update (default true). false: train on (use terminateOnNaN to stop quietly instead; with
   * that callback in the list the default is false).
   */
  stopOnNaN?: boolean;
  /** Where verbose output goes (default process.stdout, or console.log in browsers). */
  writer?: Writer;
  /**
   * Aborting it stops training after the current batch, as setting `model.stopTraining` does: the
   * epoch under way is closed (validated, logged, onEpochEnd and onTrainEnd run) and fit resolves with
   * the History so far, whose `stopped` is `{ reason: "aborted", epoch, batches }`.
   */
  signal?: AbortSignal;
  /**
   * Record the training step after the first batch and replay it for later batches of the same
   * shape (bp.compileStep; same results bit for bit). Default: bp.getCapture(), true unless
   * bp.setCapture(false) was called.
   */
  capture?: boolean;
}

export interface ResolvedFit {
  epochs: number;
  batchSize: number;
  shuffle: boolean;
  seed: number;
  validationBatchSize: number;
  stepsPerEpoch: number | undefined;
  callbacks: (Callback | CallbackHooks)[];
  verbose: 0 | 1 | 2;
  initialEpoch: number;
  stopOnNaN: boolean;
  writer: Writer;
  signal: AbortSignal | undefined;
  capture: boolean;
}

const KNOWN = new Set([
  "epochs", "batchSize", "shuffle", "seed", "validationSplit", "validationData", "validationBatchSize", "classWeight",
  "sampleWeight", "stepsPerEpoch", "callbacks", "verbose", "initialEpoch", "stopOnNaN", "writer", "signal",
  "capture",
]);

/** An AbortSignal (checked by shape, so signals of another realm or a polyfill work too). */
function abortSignal(op: string, signal: unknown): AbortSignal | undefined {
  if (signal === undefined) return undefined;
  const s = signal as Partial<AbortSignal> | null;
  if (typeof s !== "object" || s === null || typeof s.aborted !== "boolean" || typeof s.addEventListener !== "function") {
    throw new ValueError(`${op}: signal must be an AbortSignal (e.g. new AbortController().signal), got ${s === null ? "null" : typeof s}`);
  }
  return s as AbortSignal;
}

/** Checks the options and fills in defaults. */
export function resolveFitArgs(args: FitArgs): ResolvedFit {
  const op = "fit";
  if (typeof args !== "object" || args === null) throw new ValueError(`${op}: options must be an object`);
  for (const k of Object.keys(args)) {
    if (!KNOWN.has(k)) throw new ValueError(`${op}: unknown option "${k}"; expected one of ${[...KNOWN].join(", ")}`);
  }
  const epochs = nonNegativeInt(op, "epochs", args.epochs ?? 1);
  const batchSize = positiveInt(op, "batchSize", args.batchSize ?? 32);
  const initialEpoch = nonNegativeInt(op, "initialEpoch", args.initialEpoch ?? 0);
  const verbose = args.verbose ?? 1;
  if (verbose !== 0 && verbose !== 1 && verbose !== 2) throw new ValueError(`${op}: verbose must be 0, 1 or 2, got ${String(verbose)}`);
  if (args.seed !== undefined && !(Number.isInteger(args.seed) && args.seed >= 0)) throw new ValueError(`${op}: seed must be a non-negative integer, got ${String(args.seed)}`);
  const callbacks = args.callbacks ?? [];
  if (!Array.isArray(callbacks) || callbacks.some((cb) => typeof cb !== "object" || cb === null)) {
    throw new ValueError(`${op}: callbacks must be an array of callback objects`);
  }
  return {
    epochs,
    batchSize,
    shuffle: args.shuffle ?? true,
    seed: args.seed ?? rngFor().nextUint32(),
    validationBatchSize: positiveInt(op, "validationBatchSize", args.validationBatchSize ?? batchSize),
    stepsPerEpoch: args.stepsPerEpoch === undefined ? undefined : positiveInt(op, "stepsPerEpoch", args.stepsPerEpoch),
    callbacks,
    verbose,
    initialEpoch,
    stopOnNaN: args.stopOnNaN ?? !callbacks.some((cb) => cb instanceof TerminateOnNaN),
    writer: args.writer ?? defaultWriter(),
    signal: abortSignal(op, args.signal),
    capture: bool(op, "capture", args.capture, getCapture()),
  };
}
