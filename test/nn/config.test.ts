/**
 * getConfig → JSON → layerFromConfig round trip for every layer, with non-default options: the
 * rebuilt layer has the same config, the same weight shapes and, given the same weights, the
 * same output (training and inference).
 */
import { expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { expectSame } from "./helpers.js";

const rows: [string, () => bp.layers.Layer, number[], "int" | "float"][] = [
  ["dense", () => bp.layers.dense({ units: 3, activation: "elu", useBias: false, kernelInitializer: bp.initializers.heNormal({ seed: 3 }), kernelRegularizer: bp.regularizers.l1({ l1: 0.2 }), inputShape: [4], name: "d" }), [2, 4], "float"],
  ["conv2d", () => bp.layers.conv2d({ filters: 2, kernelSize: [2, 3], strides: [1, 2], padding: "same", activation: "relu", biasInitializer: bp.initializers.constant({ value: 0.1 }), biasRegularizer: "l2" }), [1, 5, 5, 2], "float"],
  ["maxPooling2d", () => bp.layers.maxPooling2d({ poolSize: [3, 2], strides: 1, padding: "same" }), [1, 4, 4, 2], "float"],
  ["averagePooling2d", () => bp.layers.averagePooling2d({ poolSize: 2, padding: "valid", trainable: false }), [1, 4, 4, 2], "float"],
  ["flatten", () => bp.layers.flatten({ batchInputShape: [null, 3, 2] }), [2, 3, 2], "float"],
  ["reshape", () => bp.layers.reshape({ targetShape: [-1, 2] }), [2, 6], "float"],
  ["dropout", () => bp.layers.dropout({ rate: 0.25, noiseShape: [null, 1], seed: 3 }), [2, 6], "float"],
  ["activation", () => bp.layers.activation({ activation: "softplus" }), [2, 6], "float"],
  ["batchNormalization", () => bp.layers.batchNormalization({ axis: 1, momentum: 0.9, epsilon: 1e-2, center: false, gammaRegularizer: "l2", movingVarianceInitializer: "zeros" }), [3, 2, 2], "float"],
  ["maxout", () => bp.layers.maxout({ units: 2, pieces: 4, kernelInitializer: "lecunUniform" }), [3, 5], "float"],
  ["embedding", () => bp.layers.embedding({ inputDim: 7, outputDim: 3, embeddingsInitializer: bp.initializers.randomNormal({ stddev: 1, seed: 2 }), inputLength: 4 }), [2, 4], "int"],
  ["simpleRNN", () => bp.layers.simpleRNN({ units: 2, activation: "relu", returnSequences: true, goBackwards: true, recurrentInitializer: bp.initializers.orthogonal({ gain: 0.5 }) }), [2, 3, 2], "float"],
  ["lstm", () => bp.layers.lstm({ units: 2, recurrentActivation: "hardSigmoid", unitForgetBias: false, recurrentRegularizer: bp.regularizers.l1l2({ l1: 0.1, l2: 0.2 }) }), [2, 3, 2], "float"],
  ["gru resetAfter", () => bp.layers.gru({ units: 2, returnSequences: true }), [2, 3, 2], "float"],
  ["gru resetBefore", () => bp.layers.gru({ units: 2, resetAfter: false, useBias: false }), [2, 3, 2], "float"],
];

test("every built-in layer class is registered under its Keras class name", () => {
  const names = ["Dense", "Conv2D", "MaxPooling2D", "AveragePooling2D", "Flatten", "Reshape", "Dropout", "Activation", "BatchNormalization", "Maxout", "Embedding", "SimpleRNN", "LSTM", "GRU"];
  for (const n of names) expect(bp.layers.registeredLayers()).toContain(n);
});

test.each(rows)("%s: getConfig round trip through layerFromConfig", (_n, make, shape, kind) => {
  const layer = make();
  const x = kind === "int" ? bp.tensor(Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => i % 7), shape, "int32") : bp.randn(shape, { seed: 1 });
  const y = layer.apply(x);
  const className = bp.layers.classNameOf(layer.constructor as typeof bp.layers.Layer);
  const config = JSON.parse(JSON.stringify(layer.getConfig())) as Record<string, unknown>;
  const back = bp.layers.layerFromConfig(className, config);
  expect(back.constructor).toBe(layer.constructor);
  expect(back.getConfig()).toEqual(layer.getConfig());
  back.build(layer.builtInputShape!);
  expect(back.weights.map((w) => w.shape)).toEqual(layer.weights.map((w) => w.shape));
  expect(back.trainable).toBe(layer.trainable);
  back.setWeights(layer.getWeights());
  expectSame(back.apply(x), y, { rtol: 0, atol: 0 });
  if (className !== "Dropout") {
    // training mode too (batchNormalization's batch statistics); dropout's mask is random
    expectSame(back.apply(x, { training: true }), layer.apply(x, { training: true }), { rtol: 0, atol: 0 });
  }
});

test("configs hold names of components, not functions", () => {
  const config = bp.layers.lstm({ units: 2, kernelRegularizer: "l2" }).getConfig();
  expect(config.activation).toBe("tanh");
  expect(config.recurrentActivation).toBe("sigmoid");
  expect(config.recurrentInitializer).toEqual({ className: "Orthogonal", config: { gain: 1, seed: null } });
  expect(config.biasInitializer).toEqual({ className: "Zeros", config: {} });
  expect(config.kernelRegularizer).toEqual({ className: "L2", config: { l2: 0.01 } });
  expect(config.biasRegularizer).toBeNull();
  expect(config.unitForgetBias).toBe(true);
  expect(bp.layers.gru({ units: 1 }).getConfig().resetAfter).toBe(true);
});
