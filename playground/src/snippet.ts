/** The exported code snippet: one Node script that replays the run (embedded in it) with the public API. */

/** A Node script that trains the exported run again and checks the weights against the page's, bit for bit. */
export function snippet(json: string): string {
  const run = JSON.parse(json) as { url?: string; reproducible?: boolean };
  const note =
    run.reproducible === false
      ? "// Weights or the learning rate were changed by hand in the page: the replay cannot match them.\n"
      : "";
  return `// Replays a backprop playground run (page settings: ${run.url ?? "?"})
// npm install backprop && node train-run.mjs [folder to save the model in]
${note}import * as bp from "backprop";

const run = ${json};

const model = bp.sequential({
  name: run.model.name,
  layers: run.model.layers.map((l) => bp.layers.layerFromConfig(l.className, l.config)),
});
const opt = run.compile.optimizer;
model.compile({ optimizer: bp.optimizers.optimizerFromConfig(opt.className, opt.config), loss: run.compile.loss });
const { inputs, outputs, xTrain, yTrain } = run.data;
const x = bp.tensor(xTrain, [xTrain.length / inputs, inputs]);
const y = bp.tensor(yTrain, [yTrain.length / outputs, outputs]);
const { epochs, batchSize, seed, shuffle } = run.fit;
await model.fit(x, y, { epochs, batchSize, seed, shuffle, verbose: 0 });

let differ = 0;
model.weights.forEach((w, i) => {
  const page = run.weights[i]?.values ?? [];
  w.dataSync().forEach((v, j) => (differ += Object.is(v, Math.fround(page[j])) ? 0 : 1));
});
console.log(differ === 0 ? "weights: the same as the page's, bit for bit" : \`weights: \${differ} values differ from the page's\`);
if (process.argv[2]) await model.save(process.argv[2]);
process.exitCode = differ === 0 ? 0 : 1;
`;
}
