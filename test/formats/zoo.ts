/** Small seeded models covering every layer and activation, with every weight randomized (BN statistics too). */
import * as bp from "../../src/index.js";

const L = bp.layers;

/** Sets every weight to seeded random values (variances positive), so a weight mapped wrongly shows. */
export function randomize(model: bp.Sequential, seed = 7): bp.Sequential {
  const ws = model.weights.map((w, i) => {
    const r = bp.randn(w.shape, { seed: seed + i }).mul(0.5);
    return w.name.endsWith("movingVariance") ? r.abs().add(0.5) : r;
  });
  model.setWeights(ws);
  return model;
}

/** The models, each built; `tfjs: false` for those TensorFlow.js cannot express. */
export function zoo(): { name: string; model: bp.Sequential; input: number[]; int?: number; tfjs: boolean; torch: boolean; keras: boolean }[] {
  const acts: bp.ActivationName[] = ["relu", "relu6", "elu", "selu", "sigmoid", "hardSigmoid", "tanh", "softplus", "softsign", "swish", "leakyRelu"];
  const list = [
    {
      name: "mlp", input: [6], tfjs: true, torch: true,
      layers: () => [
        L.dense({ units: 8, activation: "relu", inputShape: [6] }),
        L.dropout({ rate: 0.3 }),
        ...acts.map((a) => L.dense({ units: 5, activation: a })),
        L.batchNormalization({}),
        L.activation({ activation: "tanh" }),
        L.dense({ units: 3, activation: "softmax" }),
      ],
    },
    {
      name: "cnn", input: [9, 9, 2], tfjs: true, torch: true,
      layers: () => [
        L.conv2d({ filters: 4, kernelSize: 3, padding: "same", activation: "relu", inputShape: [9, 9, 2] }),
        L.maxPooling2d({ poolSize: 2, padding: "same" }),
        L.conv2d({ filters: 5, kernelSize: [2, 3], strides: 2, padding: "same", activation: "elu" }),
        L.batchNormalization({}),
        L.averagePooling2d({ poolSize: 1 }),
        L.conv2d({ filters: 3, kernelSize: 1, useBias: false }),
        L.flatten({}),
        L.dense({ units: 4, activation: "softmax" }),
      ],
    },
    {
      name: "flat-image", input: [4, 4, 2], tfjs: true, torch: true,
      layers: () => [L.flatten({ inputShape: [4, 4, 2] }), L.dense({ units: 3, activation: "softmax" })],
    },
    {
      name: "reshape", input: [16], tfjs: true, torch: true,
      layers: () => [
        L.dense({ units: 16, inputShape: [16] }),
        L.reshape({ targetShape: [4, 4, 1] }),
        L.conv2d({ filters: 2, kernelSize: 2 }),
        L.maxPooling2d({ poolSize: 2, strides: 1 }),
        L.flatten({}),
        L.dense({ units: 2 }),
      ],
    },
    {
      name: "lstm", input: [5, 3], tfjs: true, torch: true,
      layers: () => [
        L.lstm({ units: 4, returnSequences: true, inputShape: [5, 3] }),
        L.simpleRNN({ units: 3, returnSequences: true }),
        L.lstm({ units: 2 }),
        L.dense({ units: 2, activation: "sigmoid" }),
      ],
    },
    {
      name: "gru", input: [4, 3], tfjs: true, torch: false,
      layers: () => [L.gru({ units: 4, resetAfter: false, inputShape: [4, 3] }), L.dense({ units: 2 })],
    },
    {
      name: "gru-reset-after", input: [4, 3], tfjs: false, torch: true,
      layers: () => [L.gru({ units: 4, returnSequences: true, inputShape: [4, 3] }), L.gru({ units: 3 }), L.dense({ units: 2 })],
    },
    {
      name: "mlp-keras", input: [4], tfjs: false, torch: true,
      layers: () => [
        L.dense({ units: 6, activation: "leakyRelu", inputShape: [4] }),
        L.dropout({ rate: 0.5 }),
        L.dense({ units: 5, activation: "selu" }),
        L.batchNormalization({ center: false, scale: false }),
        L.activation({ activation: "softplus" }),
        L.dense({ units: 3, activation: "logSoftmax" }),
      ],
    },
    {
      name: "gelu", input: [3], tfjs: true, torch: true,
      layers: () => [L.dense({ units: 4, activation: "gelu", inputShape: [3] }), L.dense({ units: 2, activation: "softmax" })],
    },
    {
      name: "gelu-tanh", input: [3], tfjs: false, torch: true,
      layers: () => [L.dense({ units: 4, activation: "geluApproximate", inputShape: [3] }), L.dense({ units: 4, activation: "hardTanh" }), L.dense({ units: 2, activation: "logSoftmax" })],
    },
    {
      name: "embedding", input: [5], int: 7, tfjs: true, torch: true,
      layers: () => [L.embedding({ inputDim: 7, outputDim: 3, inputShape: [5] }), L.flatten({}), L.dense({ units: 2, activation: "softmax" })],
    },
  ];
  return list.map((m) => {
    const model = bp.sequential({ name: m.name.replace(/-/g, "_"), layers: m.layers() });
    return { name: m.name, model: randomize(model), input: m.input, int: m.int, tfjs: m.tfjs, torch: m.torch, keras: !["mlp", "gelu-tanh"].includes(m.name) };
  });
}

/** A seeded batch of inputs for a zoo model: normal floats, or integer ids below `int`. */
export function inputFor(shape: number[], n: number, int?: number, seed = 11): bp.Tensor {
  if (int === undefined) return bp.randn([n, ...shape], { seed });
  const r = bp.rand([n, ...shape], { seed }).dataSync();
  return bp.tensor(Int32Array.from(r, (v) => Math.floor(v * int)), [n, ...shape], "int32");
}

/** max |a - b| over two equally shaped tensors. */
export function maxDiff(a: bp.Tensor, b: bp.Tensor): number {
  const x = a.dataSync();
  const y = b.dataSync();
  if (x.length !== y.length) return Infinity;
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]! - y[i]!));
  return m;
}
