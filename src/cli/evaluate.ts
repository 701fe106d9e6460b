/** `backprop evaluate`: a saved model's scores on a data set's test part. */
import { loadDataset, type Task } from "./datasets.js";
import { UsageError } from "./exit.js";
import { printJson, type CliIO } from "./io.js";
import { openModel } from "./run-files.js";
import { printRegressionScores, printScores, regressionJson, regressionScores, scoresJson, testScores } from "./scores.js";

export interface EvaluateOptions {
  model: string;
  dataset?: string;
  dataDir?: string;
  label?: string;
  limit?: number;
  /** Default: the run's seed (so a csv run is scored on its own test split), else 1. */
  seed?: number;
  json: boolean;
}

/** Runs `backprop evaluate`. */
export async function evaluate(o: EvaluateOptions, io: CliIO): Promise<void> {
  const { model, info, modelDir } = await openModel(o.model);
  const spec = o.dataset ?? info?.dataset ?? "mnist";
  const same = o.dataset === undefined || o.dataset === info?.dataset;
  const task: Task | undefined = info?.task;
  const ds = await loadDataset(spec, { dataDir: o.dataDir, label: o.label ?? (same ? info?.label : undefined), limit: o.limit, seed: o.seed ?? info?.seed ?? 1, task });
  const expected = model.inputShape?.slice(1);
  if (expected && expected.join(",") !== ds.inputShape.join(",")) {
    throw new UsageError(`the model in ${modelDir} takes inputs of shape [${expected.join(",")}] but ${spec} has samples of shape [${ds.inputShape.join(",")}]`);
  }
  if (ds.task === "regression") {
    // the run's own target scaling: the model predicts in its units
    const own = ds.target ?? { mean: 0, scale: 1 };
    const saved = info?.target ?? own;
    const y = ds.yTest.mul(own.scale).add(own.mean - saved.mean).div(saved.scale);
    const scores = regressionScores(model, ds.xTest, y, 256, saved);
    if (o.json) return printJson(io, { command: "evaluate", model: modelDir, dataset: spec, task: "regression", test: regressionJson(scores) });
    io.out.write(`Model: ${modelDir}\nData:  ${ds.description}\n`);
    return printRegressionScores(io, scores, ds.label ?? "label");
  }
  if (!model.optimizer) model.compile({ optimizer: "adam", loss: "categoricalCrossentropy", metrics: ["accuracy"] });
  const classNames = info?.classNames ?? ds.classNames;
  const scores = testScores(model, ds.xTest, ds.yTest, 256);
  if (o.json) {
    printJson(io, { command: "evaluate", model: modelDir, dataset: spec, test: scoresJson(scores, classNames) });
    return;
  }
  io.out.write(`Model: ${modelDir}\nData:  ${ds.description}\n`);
  printScores(io, scores, classNames);
}
