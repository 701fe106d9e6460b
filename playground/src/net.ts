/**
 * The network of a playground run, built from its settings with the public API: hidden dense
 * blocks (dense → [batch norm → activation] → [dropout]), an output head that fits the loss, and
 * the optimizer. Every initializer and dropout mask is seeded from the settings' seed, so the same
 * URL gives the same initial weights, in the page and in Node.
 */
import * as bp from "../../src/index.js";
import { classCount, isRegression, type Settings } from "./settings.js";

/** How labels become targets and outputs become a display value. */
export interface Head {
  /** Output units. */
  units: number;
  activation: bp.ActivationName;
  loss: string;
  /** Targets for class indices / regression values. */
  targets(label: Float32Array): Float32Array;
}

/** The output head: binary → one unit, several classes → one per class, regression → one linear unit. */
export function head(s: Settings): Head {
  const k = classCount(s);
  if (isRegression(s))
    return { units: 1, activation: "linear", loss: "meanSquaredError", targets: (l) => Float32Array.from(l) };
  if (k === 2) {
    if (s.loss === "squaredError")
      return {
        units: 1,
        activation: "tanh",
        loss: "meanSquaredError",
        targets: (l) => l.map((v) => 2 * v - 1),
      };
    if (s.loss === "hinge")
      return { units: 1, activation: "linear", loss: "hinge", targets: (l) => l.map((v) => 2 * v - 1) };
    return {
      units: 1,
      activation: "sigmoid",
      loss: "binaryCrossentropy",
      targets: (l) => Float32Array.from(l),
    };
  }
  const oneHot = (l: Float32Array): Float32Array => {
    const out = new Float32Array(l.length * k);
    l.forEach((c, i) => (out[i * k + c] = 1));
    return out;
  };
  if (s.loss === "squaredError")
    return { units: k, activation: "softmax", loss: "meanSquaredError", targets: oneHot };
  if (s.loss === "hinge")
    return { units: k, activation: "linear", loss: "categoricalHinge", targets: oneHot };
  return { units: k, activation: "softmax", loss: "categoricalCrossentropy", targets: oneHot };
}

function initializer(name: string, seed: number): bp.initializers.Initializer {
  const I = bp.initializers;
  switch (name) {
    case "zeros":
      return I.zeros();
    case "randomUniform":
      return I.randomUniform({ minval: -0.5, maxval: 0.5, seed });
    case "randomNormal":
      return I.randomNormal({ stddev: 0.5, seed });
    case "truncatedNormal":
      return I.truncatedNormal({ stddev: 0.5, seed });
    default: {
      const f = (I as unknown as Record<string, (a: { seed: number }) => bp.initializers.Initializer>)[name];
      if (!f) throw new Error(`unknown initializer ${name}`);
      return f({ seed });
    }
  }
}

function regularizer(s: Settings): bp.regularizers.Regularizer | undefined {
  if (s.regularization === "none" || s.regRate === 0) return undefined;
  if (s.regularization === "l1") return bp.regularizers.l1({ l1: s.regRate });
  if (s.regularization === "l2") return bp.regularizers.l2({ l2: s.regRate });
  return bp.regularizers.l1l2({ l1: s.regRate, l2: s.regRate });
}

/** The model's layers; `blockEnds[i]` is the index of the layer whose output is hidden layer i's neurons. */
export function buildModel(s: Settings, inputs: number): { model: bp.Sequential; blockEnds: number[] } {
  const L = bp.layers;
  const layers: bp.layers.Layer[] = [];
  const blockEnds: number[] = [];
  const reg = regularizer(s);
  const dense = (units: number, activation: bp.ActivationName, i: number): bp.layers.Layer =>
    L.dense({
      units,
      activation,
      name: i < s.layers.length ? `hidden_${i + 1}` : "output",
      kernelInitializer: initializer(s.init, s.seed * 1009 + i + 1),
      biasInitializer: bp.initializers.zeros(),
      ...(reg ? { kernelRegularizer: reg } : {}),
      ...(layers.length === 0 ? { inputShape: [inputs] } : {}),
    });
  s.layers.forEach((units, i) => {
    const act = (s.activations[i] ?? "tanh") as bp.ActivationName; // settings.ts admits only names of ACTIVATIONS
    if (s.batchNorm) {
      layers.push(
        dense(units, "linear", i),
        L.batchNormalization({ name: `batchnorm_${i + 1}` }),
        L.activation({ activation: act, name: `activation_${i + 1}` }),
      );
    } else layers.push(dense(units, act, i));
    blockEnds.push(layers.length - 1);
    if (s.dropout > 0)
      layers.push(L.dropout({ rate: s.dropout, seed: s.seed * 7919 + i, name: `dropout_${i + 1}` }));
  });
  const h = head(s);
  layers.push(dense(h.units, h.activation, s.layers.length));
  const model = bp.sequential({ layers, name: "playground" });
  return { model, blockEnds };
}

/** The optimizer with its learning-rate schedule; `stepsPerEpoch` sets the schedule's time scale. */
export function buildOptimizer(s: Settings, stepsPerEpoch: number): bp.Optimizer {
  const lr0 = s.learningRate;
  const span = Math.max(1, (s.stopEpoch > 0 ? s.stopEpoch : 500) * stepsPerEpoch);
  const S = bp.schedules;
  const learningRate =
    s.schedule === "cosine"
      ? S.cosineDecay({ initialLearningRate: lr0, decaySteps: span, alpha: 0.01 })
      : s.schedule === "exponential"
        ? S.exponentialDecay({
            initialLearningRate: lr0,
            decaySteps: Math.max(1, Math.round(span / 5)),
            decayRate: 0.5,
          })
        : s.schedule === "step"
          ? S.stepDecay({
              initialLearningRate: lr0,
              dropEvery: Math.max(1, Math.round(span / 5)),
              factor: 0.5,
            })
          : lr0;
  const O = bp.optimizers;
  switch (s.optimizer) {
    case "sgd":
      return O.sgd({ learningRate });
    case "momentum":
      return O.sgd({ learningRate, momentum: 0.9 });
    case "nesterov":
      return O.sgd({ learningRate, momentum: 0.9, nesterov: true });
    default: {
      const f = (O as unknown as Record<string, (a: { learningRate: unknown }) => bp.Optimizer>)[s.optimizer];
      if (!f) throw new Error(`unknown optimizer ${s.optimizer}`);
      return f({ learningRate });
    }
  }
}
