/**
 * The training loop behind `model.fit`: checks the data, splits off validation samples, then for each
 * epoch runs the batches (each a tidy step), validates, and reports to the callbacks.
 */
import { ValueError } from "../errors.js";
import { tidy } from "../tensor/engine.js";
import type { Tensor } from "../tensor/tensor.js";
import { BatchPlan, rows, splitAt, takeBatch } from "./batching.js";
import { CallbackList, type CallbackModel, type FitParams, type Logs } from "./callbacks/callback.js";
import { History, type StopInfo } from "./callbacks/history.js";
import { ProgressLogger } from "./callbacks/progress-logger.js";
import { asTensor, checkFinite, checkSameCount, checkSampleWeight } from "./checks.js";
import type { Compiled } from "./compile.js";
import { evaluateDataPaced, LossTracker } from "./evaluate.js";
import { resolveFitArgs, type Data, type FitArgs, type ResolvedFit } from "./fit-options.js";
import { Pacer } from "./pacer.js";
import { combinedWeights } from "./sample-weights.js";
import { trainOnBatch, type StepModel } from "./step.js";
import { CapturedEvaluation, CapturedTraining } from "./captured-step.js";

/** What fit needs of the model. */
export interface FitModel extends StepModel, CallbackModel {
  compiledFor(op: string): Compiled;
  /** Builds the model for x's shape if needed and checks x against the input shape. */
  prepareInput(op: string, x: Tensor): void;
  /** Epochs completed (saved with the model). */
  trainingEpoch: number;
  history: History | undefined;
}

interface Split {
  x: Tensor;
  y: Tensor;
  sw: Tensor | undefined;
}

/** Training and validation sets; `owned` lists the tensors made here, to dispose at the end. */
function prepareData(model: FitModel, xIn: Data, yIn: Data, args: FitArgs, owned: Tensor[]): { train: Split; val: Split | undefined } {
  const op = "fit";
  const own = <T extends Tensor | undefined>(t: T, from?: Data): T => {
    if (t !== undefined && t !== from) owned.push(t);
    return t;
  };
  const x = own(asTensor(op, "x", xIn), xIn);
  const y = own(asTensor(op, "y", yIn), yIn);
  let sw = args.sampleWeight === undefined ? undefined : own(asTensor(op, "sampleWeight", args.sampleWeight), args.sampleWeight);
  const n = checkSameCount(op, [["x", x], ["y", y], ["sampleWeight", sw]]);
  if (n === 0) throw new ValueError(`${op}: x has no samples`);
  model.prepareInput(op, x);
  checkFinite(op, "x", x);
  checkFinite(op, "y", y);
  if (sw) checkSampleWeight(op, sw, n);
  sw = own(combinedWeights(op, y, sw, args.classWeight), sw);

  if (args.validationData !== undefined) {
    const vd = args.validationData;
    if (!Array.isArray(vd) || vd.length < 2 || vd.length > 3) throw new ValueError(`${op}: validationData must be [x, y] or [x, y, sampleWeight]`);
    const vx = own(asTensor(op, "validationData x", vd[0]), vd[0]);
    const vy = own(asTensor(op, "validationData y", vd[1]), vd[1]);
    const vsw = vd[2] === undefined ? undefined : own(asTensor(op, "validationData sampleWeight", vd[2]), vd[2]);
    const vn = checkSameCount(op, [["validationData x", vx], ["validationData y", vy], ["validationData sampleWeight", vsw]]);
    model.prepareInput(op, vx);
    checkFinite(op, "validationData x", vx);
    checkFinite(op, "validationData y", vy);
    if (vsw) checkSampleWeight(op, vsw, vn);
    return { train: { x, y, sw }, val: vn > 0 ? { x: vx, y: vy, sw: vsw } : undefined };
  }
  if (args.validationSplit !== undefined && args.validationSplit !== 0) {
    const at = splitAt(op, n, args.validationSplit);
    const train = { x: own(rows(x, 0, at), x), y: own(rows(y, 0, at), y), sw: own(rows(sw, 0, at), sw) };
    const val = { x: own(rows(x, at, n), x), y: own(rows(y, at, n), y), sw: own(rows(sw, at, n), sw) };
    return { train, val };
  }
  return { train: { x, y, sw }, val: undefined };
}

function nanGuard(o: ResolvedFit, epoch: number, batch: number, steps: number): (loss: number) => void {
  return (loss) => {
    if (o.stopOnNaN && !Number.isFinite(loss)) {
      throw new ValueError(
        `fit: the loss became ${loss} at epoch ${epoch + 1}/${o.epochs}, batch ${batch + 1}/${steps}; training stopped before that batch's update ` +
          "(lower the learning rate, check the data and labels, or pass stopOnNaN: false to train on)",
      );
    }
  };
}

/** Why training should end now, if it should: fit's signal was aborted or model.stopTraining was set. */
function stopReason(model: FitModel, o: ResolvedFit): StopInfo["reason"] | undefined {
  if (o.signal?.aborted) return "aborted";
  return model.stopTraining ? "stopTraining" : undefined;
}

/** What one epoch of the loop works with. */
interface Loop {
  model: FitModel;
  c: Compiled;
  o: ResolvedFit;
  plan: BatchPlan;
  steps: number;
  train: Split;
  val: Split | undefined;
  list: CallbackList;
  pacer: Pacer;
  /** The captured training step, unless capture is off. */
  captured: CapturedTraining | undefined;
  capturedEval: CapturedEvaluation | undefined;
}

/** Runs epoch `epoch`: its batches (until a stop is asked for), the validation and the epoch-end hooks; returns the batches run. */
async function runEpoch(l: Loop, epoch: number): Promise<number> {
  const { model, c, o, train, steps } = l;
  for (const m of c.trainMetrics) m.reset();
  const tracker = new LossTracker();
  await l.list.epochBegin(epoch, {});
  let logs: Logs = {};
  let b = 0;
  while (b < steps) {
    const spec = l.plan.batch(epoch * steps + b);
    // awaited only when a callback returned a promise (no microtask turn per batch otherwise)
    const began = l.list.batchHooks("onBatchBegin", b, { batch: b, size: spec.size });
    if (began) await began;
    const guard = nanGuard(o, epoch, b, steps);
    const loss = l.captured
      ? l.captured.train(spec, guard)
      : tidy(() => {
          const [x, y, sw] = [takeBatch(train.x, spec), takeBatch(train.y, spec), train.sw && takeBatch(train.sw, spec)];
          return trainOnBatch(model, c, x, y, sw, guard);
        });
    tracker.add(loss, spec.size);
    logs = tracker.logs(c.trainMetrics);
    const ended = l.list.batchHooks("onBatchEnd", b, logs);
    if (ended) await ended;
    b++;
    const paced = l.pacer.pace(); // timers, signals and aborts run here
    if (paced) await paced;
    if (stopReason(model, o)) break;
  }
  const epochLogs: Logs = { ...logs };
  const val = l.val;
  if (val) Object.assign(epochLogs, prefixed(await evaluateDataPaced(model, c, c.evalMetrics, val.x, val.y, val.sw, o.validationBatchSize, l.pacer, l.capturedEval)));
  epochLogs.lr = model.getLearningRate();
  model.trainingEpoch = epoch + 1;
  await l.list.epochEnd(epoch, epochLogs);
  return b;
}

/**
 * Trains `model`; see FitArgs. Returns the History (also kept as model.history). Between batches it
 * yields to the event loop every few milliseconds of work, so timers, signals and aborts run.
 */
export async function fitModel(model: FitModel, xIn: Data, yIn: Data, args: FitArgs = {}): Promise<History> {
  const o = resolveFitArgs(args);
  const c = model.compiledFor("fit");
  const owned: Tensor[] = [];
  let captured: CapturedTraining | undefined;
  let capturedEval: CapturedEvaluation | undefined;
  try {
    const { train, val } = prepareData(model, xIn, yIn, args, owned);
    const nTrain = train.x.shape[0] as number;
    const plan = new BatchPlan(nTrain, o.batchSize, o.shuffle, o.seed);
    const steps = o.stepsPerEpoch ?? plan.batchesPerPass;
    const names = ["loss", ...c.trainMetrics.map((m) => m.name)];
    const params: FitParams = {
      epochs: o.epochs, initialEpoch: o.initialEpoch, steps, samples: nTrain, batchSize: o.batchSize, verbose: o.verbose,
      metrics: [...names, ...(val ? names.map((k) => `val_${k}`) : [])],
    };
    const history = new History();
    const all = [...o.callbacks, history, ...(o.verbose > 0 ? [new ProgressLogger(o.writer, o.verbose as 1 | 2)] : [])];
    const list = new CallbackList(all, model, params);
    captured = o.capture ? new CapturedTraining(model, c, train) : undefined;
    capturedEval = o.capture && val ? new CapturedEvaluation(model, c) : undefined;
    const loop: Loop = { model, c, o, plan, steps, train, val, list, pacer: new Pacer(), captured, capturedEval };
    model.stopTraining = false;
    model.history = history;
    await list.trainBegin({});
    let stopped: StopInfo | undefined;
    for (let epoch = o.initialEpoch; epoch < o.epochs && !stopped; epoch++) {
      // an abort that came before this epoch began ends training without an empty epoch
      if (o.signal?.aborted) {
        stopped = { reason: "aborted", epoch, batches: 0 };
        break;
      }
      const batches = await runEpoch(loop, epoch);
      const reason = stopReason(model, o);
      // stopping after the last batch of the last epoch is no early stop
      if (reason && (epoch + 1 < o.epochs || batches < steps)) stopped = { reason, epoch, batches };
    }
    history.stopped = stopped;
    await list.trainEnd({});
    return history;
  } finally {
    // the programs' arenas go with the fit
    captured?.dispose();
    capturedEval?.dispose();
    for (const t of owned) t.dispose();
  }
}

function prefixed(logs: Logs): Logs {
  return Object.fromEntries(Object.entries(logs).map(([k, v]) => [`val_${k}`, v]));
}
