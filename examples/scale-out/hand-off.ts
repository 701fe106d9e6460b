/**
 * The backprop side of the scale-out example (see run.sh and docs/scaling.md).
 *
 *   npx tsx examples/scale-out/hand-off.ts train OUT      # train in backprop, save, write the digits for PyTorch
 *   npx tsx examples/scale-out/hand-off.ts evaluate OUT   # load PyTorch's trained weights back and score them
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import * as bp from "../../src/index.js";

const [command, out = "scale-out-run"] = process.argv.slice(2);
const epochs = Number(process.env.EPOCHS ?? 2);
const { xTrain, yTrain, xTest, yTest } = await bp.data.mnist();

/** The test accuracy of a model on the embedded digits' fixed test split. */
function accuracy(model: bp.Sequential): number {
  model.compile({ optimizer: "adam", loss: "categoricalCrossentropy", metrics: ["accuracy"] });
  return model.evaluate(xTest, yTest, { batchSize: 256 }).accuracy!;
}

if (command === "train") {
  bp.setSeed(1);
  const model = bp.sequential([
    bp.layers.flatten({ inputShape: [28, 28, 1] }),
    bp.layers.dense({ units: 128, activation: "relu" }),
    bp.layers.dense({ units: 10, activation: "softmax" }),
  ]);
  model.compile({ optimizer: bp.optimizers.adam({ learningRate: 1e-3 }), loss: "categoricalCrossentropy", metrics: ["accuracy"] });
  await model.fit(xTrain, yTrain, { epochs, batchSize: 64, seed: 1, verbose: 0 });
  await model.save(join(out, "model"));
  // the digits as raw little-endian float32 (labels as class indices), for the PyTorch script
  const raw = (t: bp.Tensor) => Buffer.from(new Float32Array(t.dataSync()).buffer);
  writeFileSync(join(out, "x_train.f32"), raw(xTrain));
  writeFileSync(join(out, "y_train.f32"), raw(yTrain.argmax(-1).cast("float32")));
  writeFileSync(join(out, "x_test.f32"), raw(xTest));
  writeFileSync(join(out, "y_test.f32"), raw(yTest.argmax(-1).cast("float32")));
  writeFileSync(join(out, "data.json"), JSON.stringify({ train: xTrain.shape[0], test: xTest.shape[0], shape: xTrain.shape.slice(1) }));
  console.log(`[1] backprop: trained ${epochs} epochs, test accuracy ${accuracy(model).toFixed(4)}`);
} else if (command === "evaluate") {
  // the architecture comes from the exported file; the weights PyTorch trained are loaded over it by name
  const model = await bp.loadModel(join(out, "model.safetensors"));
  await bp.loadWeights(model, join(out, "trained.safetensors"));
  await model.save(join(out, "trained-model"));
  console.log(`[4] back in backprop: test accuracy ${accuracy(model).toFixed(4)}`);
} else {
  console.error("usage: hand-off.ts train|evaluate OUT");
  process.exit(2);
}
