/** `backprop summary`: the layer table and parameter totals of a saved model, a built-in one or a layer file. */
import { existsSync, statSync } from "node:fs";
import type { Sequential } from "../model/index.js";
import { printJson, type CliIO } from "./io.js";
import { buildModel } from "./models.js";
import { openModel } from "./run-files.js";

export interface SummaryOptions {
  model: string;
  /** Input shape for built-in models and layer files, e.g. [28, 28, 1]. */
  inputShape: number[];
  classes: number;
  json: boolean;
}

/** Runs `backprop summary`. */
export async function summary(o: SummaryOptions, io: CliIO): Promise<void> {
  let model: Sequential;
  // a saved model in any format (a directory, or a model file other than a FILE.json layer list)
  if (existsSync(o.model) && (statSync(o.model).isDirectory() || !o.model.endsWith(".json"))) model = (await openModel(o.model)).model;
  else model = (await buildModel(o.model, o.inputShape, o.classes)).model;
  const trainable = model.trainableWeights.reduce((n, w) => n + w.size, 0);
  const total = model.countParams();
  if (o.json) {
    const shapes = model.layerOutputShapes();
    printJson(io, {
      command: "summary", model: o.model, inputShape: model.inputShape,
      layers: model.layers.map((l, i) => ({ name: l.name, className: (l.constructor as { className?: string }).className, outputShape: shapes[i], params: l.countParams() })),
      totalParams: total, trainableParams: trainable, nonTrainableParams: total - trainable,
    });
    return;
  }
  io.out.write(`${model.summary()}\n`);
}
