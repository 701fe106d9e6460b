/** `backprop evaluate`: a saved model's scores on a data set's test part. */
import { loadDataset } from "./datasets.js";
import { UsageError } from "./exit.js";
import { printJson, type CliIO } from "./io.js";
import { openModel } from "./run-files.js";
import { printScores, scoresJson, testScores } from "./scores.js";

export interface EvaluateOptions {
  model: string;
  dataset?: string;
  dataDir?: string;
  label?: string;
  limit?: number;
  seed: number;
  json: boolean;
}

/** Runs `backprop evaluate`. */
export async function evaluate(o: EvaluateOptions, io: CliIO): Promise<void> {
  const { model, info, modelDir } = await openModel(o.model);
  const spec = o.dataset ?? info?.dataset ?? "mnist";
  const ds = await loadDataset(spec, { dataDir: o.dataDir, label: o.label, limit: o.limit, seed: o.seed });
  const expected = model.inputShape?.slice(1);
  if (expected && expected.join(",") !== ds.inputShape.join(",")) {
    throw new UsageError(`the model in ${modelDir} takes inputs of shape [${expected.join(",")}] but ${spec} has samples of shape [${ds.inputShape.join(",")}]`);
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
