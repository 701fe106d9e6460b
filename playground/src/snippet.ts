/** The exported code snippet: a Node script that replays run.json with the public API. */

/** A Node script that replays the exported run with the public API and checks the weights. */
export function snippet(json: string): string {
  return `// Replays a backprop playground run: node train-run.mjs (next to run.json; npm install backprop)
import * as bp from "backprop";
import { readFileSync } from "node:fs";

const run = JSON.parse(readFileSync(new URL("./run.json", import.meta.url), "utf8"));
const model = bp.sequential({ layers: run.model.layers.map((l) => bp.layers.layerFromConfig(l.className, l.config)) });
model.compile({ optimizer: bp.optimizers.optimizerFromConfig(run.compile.optimizer.className, run.compile.optimizer.config), loss: run.compile.loss });
const { inputs, outputs, xTrain, yTrain } = run.data;
const x = bp.tensor(xTrain, [xTrain.length / inputs, inputs]);
const y = bp.tensor(yTrain, [yTrain.length / outputs, outputs]);
await model.fit(x, y, { epochs: run.fit.epochs, batchSize: run.fit.batchSize, seed: run.fit.seed, shuffle: true, verbose: 0 });
const same = model.weights.every((w, i) => Array.from(w.dataSync()).every((v, j) => Object.is(v, Math.fround(run.weights[i].values[j]))));
console.log(same ? "same weights as the page, bit for bit" : "weights differ from the page's");
// run size: ${json.length} characters
`;
}
