/**
 * `backprop train`: load a data set, build a model, train it with a progress bar, score it on the
 * test set, and save the model, the scores and report.html into a new run directory. SIGINT or
 * SIGTERM stops training after the current batch; the run is saved all the same, marked interrupted.
 */
import * as bp from "../index.js";
import { didYouMean } from "../suggest.js";
import type { Optimizer } from "../optim/optimizers.js";
import { loadDataset, type LoadedDataset, type Task } from "./datasets.js";
import type { StopInfo } from "../model/index.js";
import { EXIT, UsageError } from "./exit.js";
import type { Interrupts } from "./interrupt.js";
import { duration, pct, printJson, type CliIO } from "./io.js";
import { buildModel, defaultModel } from "./models.js";
import { defaultOutDir, RunWriter, type InterruptedAt, type RunInfo } from "./run-files.js";
import { printRegressionScores, printScores, regressionFacts, regressionJson, regressionScores, scoresJson, testScores, type RegressionScores, type TestScores } from "./scores.js";

/** Without --epochs, tables train for at least this many steps (iris: 108 training rows, 2 steps an epoch). */
export const MIN_STEPS = 500;

export interface TrainOptions {
  dataset: string;
  /** cnn, mlp or FILE.json; default: the cnn for images, the mlp for tables. */
  model?: string;
  task?: Task;
  epochs?: number;
  batchSize?: number;
  optimizer: string;
  lr?: number;
  schedule: "cosine" | "constant";
  validationSplit: number;
  /** Default 1. */
  seed?: number;
  out?: string;
  dataDir?: string;
  label?: string;
  limit?: number;
  json: boolean;
}

const OPTIMIZERS = bp.optimizers.optimizerNames;

function optimizer(name: string, lr: number, schedule: "cosine" | "constant", steps: number): { opt: Optimizer; text: string } {
  if (!OPTIMIZERS.includes(name.toLowerCase())) throw new UsageError(`unknown --optimizer "${name}"${didYouMean(name, OPTIMIZERS)}; expected one of ${OPTIMIZERS.join(", ")}`);
  const learningRate = schedule === "cosine" ? bp.schedules.cosineDecay({ initialLearningRate: lr, decaySteps: steps, alpha: 0 }) : lr;
  const text = schedule === "cosine" ? `learning rate ${lr} cosine-decayed to 0 over ${steps} steps` : `learning rate ${lr}`;
  return { opt: bp.optimizers.getOptimizer(name.toLowerCase(), { learningRate }), text: `${name}, ${text}` };
}

/** Where the stop recorded in `stopped` falls, for run.json and the report (epochs and batches from 1). */
function interruptedAt(signal: string, stopped: StopInfo, epochs: number, batches: number): InterruptedAt {
  if (stopped.batches > 0) return { signal, epoch: stopped.epoch + 1, epochs, batch: stopped.batches, batches };
  // stopped before an epoch began: the one before it ran whole
  return { signal, epoch: stopped.epoch, epochs, batch: stopped.epoch > 0 ? batches : 0, batches };
}

const describeStop = (it: InterruptedAt): string => `interrupted by ${it.signal} in epoch ${it.epoch} of ${it.epochs}, after batch ${it.batch} of ${it.batches}`;

/**
 * Runs `backprop train`; returns the exit code. With `interrupts`, the first SIGINT or SIGTERM stops
 * training after the current batch; the run is then saved, marked interrupted, and the code is 130 / 143.
 */
export async function train(o: TrainOptions, io: CliIO, interrupts?: Interrupts): Promise<number> {
  const out = o.out ?? defaultOutDir();
  const writer = new RunWriter(out);
  writer.begin(); // before any work: an --out that cannot be written fails now
  try {
    const interrupted = await trainAndSave(o, io, out, writer, interrupts);
    return interrupted || interrupts?.received ? (interrupts?.exitCode ?? EXIT.interrupted) : EXIT.ok;
  } catch (e) {
    writer.abort();
    throw e;
  }
}

/** Test scores of either task, with what the printout, results.json and the report show of them. */
interface Scored {
  classification?: TestScores;
  regression?: RegressionScores;
  json: Record<string, unknown>;
  facts: Record<string, string>;
}

function score(model: bp.Sequential, ds: LoadedDataset, batchSize: number): Scored {
  if (ds.task === "regression") {
    const r = regressionScores(model, ds.xTest, ds.yTest, batchSize, ds.target ?? { mean: 0, scale: 1 });
    return { regression: r, json: regressionJson(r), facts: regressionFacts(r) };
  }
  const c = testScores(model, ds.xTest, ds.yTest, batchSize);
  return { classification: c, json: scoresJson(c, ds.classNames), facts: {} };
}

/** A warning when test accuracy is no better than guessing, with what to try. */
export function chanceWarning(accuracy: number, classes: number, samples: number): string | undefined {
  if (classes < 2 || samples === 0) return undefined;
  const chance = 1 / classes;
  if (accuracy > chance + Math.max(0.05, 2 * Math.sqrt((chance * (1 - chance)) / samples))) return undefined;
  return `warning: test accuracy ${pct(accuracy)} is at chance level (${pct(chance)} for ${classes} classes): the model learned nothing useful. Try more --epochs, another --lr (e.g. 10 times smaller or larger), --model mlp for tables, or check that --label names the right column.\n`;
}

/** Everything train does once --out is ready; returns whether a signal cut training short. */
async function trainAndSave(o: TrainOptions, io: CliIO, out: string, writer: RunWriter, interrupts: Interrupts | undefined): Promise<boolean> {
  const started = performance.now();
  const seed = o.seed ?? 1;
  bp.setSeed(seed);
  const say = (s: string): void => {
    if (!o.json) io.out.write(s);
  };

  const ds = await loadDataset(o.dataset, { dataDir: o.dataDir, label: o.label, limit: o.limit, seed, task: o.task });
  const regression = ds.task === "regression";
  const spec = o.model ?? defaultModel(ds.inputShape);
  const built = await buildModel(spec, ds.inputShape, regression ? 0 : ds.classNames.length, o.dataset);
  const batchSize = o.batchSize ?? built.recipe.batchSize;
  const lr = o.lr ?? built.recipe.learningRate;

  const split = o.validationSplit > 0 ? bp.data.split(ds.xTrain, ds.yTrain, { validation: o.validationSplit, seed, stratify: !regression }) : undefined;
  const xTrain = split ? split.train.x : ds.xTrain;
  const yTrain = split ? split.train.y! : ds.yTrain;
  const nTrain = xTrain.shape[0]!;
  if (nTrain === 0) throw new UsageError(`no training samples left (dataset ${o.dataset}${o.limit ? `, --limit ${o.limit}` : ""}, --validation-split ${o.validationSplit})`);
  const perEpoch = Math.ceil(nTrain / batchSize);
  // small tables: enough epochs for MIN_STEPS steps (--epochs, or a model file's "epochs", is taken as given)
  const scaled = ds.inputShape.length === 1 && !built.fixedEpochs;
  const epochs = o.epochs ?? (scaled ? Math.max(built.recipe.epochs, Math.ceil(MIN_STEPS / perEpoch)) : built.recipe.epochs);
  const steps = perEpoch * epochs;
  const { opt, text: optText } = optimizer(o.optimizer, lr, o.schedule, Math.max(1, steps));
  const model = built.model;
  model.compile({ optimizer: opt, loss: regression ? "meanSquaredError" : "categoricalCrossentropy", metrics: [regression ? "meanAbsoluteError" : "accuracy"] });

  say(`Data:      ${ds.description}${split ? `; ${split.validation.x.shape[0]} of the training samples held out for validation` : ""}\n`);
  say(`Model:     ${built.label}, ${model.countParams().toLocaleString("en-US")} parameters${regression ? ", mean squared error on the standardized target" : ""}\n`);
  say(`Training:  ${epochs} epochs, batch ${batchSize}, ${optText}, seed ${seed}, backend ${bp.getBackend()}\n\n`);
  say(`${model.summary()}\n\n`);

  const fitStart = performance.now();
  const history = await model.fit(xTrain, yTrain, {
    epochs, batchSize, seed, shuffle: true,
    validationData: split && split.validation.x.shape[0]! > 0 ? [split.validation.x, split.validation.y!] : undefined,
    verbose: o.json && !io.err.isTTY ? 0 : 1, writer: io.err, signal: interrupts?.claim("backprop train"),
  });
  const fitSeconds = (performance.now() - fitStart) / 1000;
  const stopped = history.stopped?.reason === "aborted" ? history.stopped : undefined;
  const interrupted = stopped && interruptedAt(interrupts?.received ?? "abort", stopped, epochs, perEpoch);
  if (interrupted) say(`\nTraining ${describeStop(interrupted)}; the run holds the model trained so far.\n`);
  const scored = score(model, ds, batchSize);
  const scores = scored.classification;

  const info: RunInfo = {
    format: "backprop-run", version: 1, dataset: ds.spec, model: built.label, classNames: ds.classNames,
    inputShape: ds.inputShape, preprocessing: ds.preprocessing, task: ds.task, ...(ds.target ? { target: ds.target } : {}),
    ...(ds.label !== undefined ? { label: ds.label } : {}), seed, createdAt: new Date().toISOString(),
    ...(interrupted ? { interrupted } : {}),
  };
  const seconds = (performance.now() - started) / 1000;
  const facts = {
    dataset: ds.description, model: built.label, parameters: model.countParams().toLocaleString("en-US"),
    ...(ds.classNames.length > 0 && ds.task === "classification" ? { classes: ds.classNames.join(", ") } : {}),
    training: `${epochs} epochs, batch ${batchSize}, ${optText}, seed ${seed}${interrupted ? `; ${describeStop(interrupted)}` : ""}`,
    ...scored.facts,
    backend: bp.getBackend(), "training time": duration(fitSeconds), "total time": duration(seconds), date: info.createdAt,
  };
  const first = model.layers.find((l) => l.weights.length > 0);
  const html = bp.report.trainingReport({
    title: `backprop — ${o.dataset}, ${built.label}`, facts, history: history.history, modelSummary: model.summary(),
    test: scores && { labels: scores.labels, probs: scores.probs, inputs: ds.inputShape.length === 3 || (ds.inputShape.length === 1 && ds.inputShape[0] === 2) ? ds.xTest : undefined, loss: scores.loss },
    model, // draws the decision boundary of 2-feature classifiers
    classNames: ds.classNames,
    interrupted: interrupted && `Training was ${describeStop(interrupted)}: the model, the curves and the test scores are those of the weights at that point.`,
    firstLayer: first ? { kernel: first.weights[0]!, inputShape: ds.inputShape, name: first.name } : undefined,
  });
  const marker = interrupted ? { interrupted } : {};
  const results = { ...facts, task: ds.task, epochs, batchSize, learningRate: lr, seconds, fitSeconds, history: history.history, test: scored.json, ...marker };

  await writer.saveModel(model);
  await writer.writeText("run.json", `${JSON.stringify(info, null, 2)}\n`);
  await writer.writeText("results.json", `${JSON.stringify(results, null, 2)}\n`);
  await writer.writeText("report.html", html);
  await writer.commit();

  if (o.json) {
    printJson(io, { command: "train", out, model: `${out}/model`, report: `${out}/report.html`, dataset: o.dataset, modelSpec: spec, task: ds.task, epochs, batchSize, learningRate: lr, seconds, fitSeconds, history: history.history, test: scored.json, ...marker });
    return !!interrupted;
  }
  const ran = interrupted ? `${interrupted.epoch} of ${epochs} epochs (interrupted)` : `${epochs} epochs`;
  if (scores) {
    printScores(io, scores, ds.classNames);
    say(`\nTest accuracy ${pct(scores.accuracy)} after ${ran}; training took ${duration(fitSeconds)}, ${duration(seconds)} in all.\n`);
    const warning = chanceWarning(scores.accuracy, ds.classNames.length, scores.samples);
    if (warning) io.err.write(`\n${warning}`);
  } else if (scored.regression) {
    printRegressionScores(io, scored.regression, ds.label ?? "label");
    say(`\nTrained ${ran}; training took ${duration(fitSeconds)}, ${duration(seconds)} in all.\n`);
  }
  say(`Saved the model to ${out}/model and the report to ${out}/report.html\n`);
  return !!interrupted;
}
