/**
 * Every setting of the playground and its URL form: `#dataset=circle&seed=7&layers=4,2…`. Parsing
 * clamps each value into its range, so any URL loads; writing then reading gives the same settings.
 */

export const CLASSIFICATION = ["circle", "xor", "gauss", "spiral"] as const;
export const REGRESSION = ["plane", "multigauss"] as const;
export const DATASETS = [...CLASSIFICATION, ...REGRESSION, "custom"] as const;
export type Dataset = (typeof DATASETS)[number];

export const FEATURES = ["x", "y", "xSquared", "ySquared", "xTimesY", "sinX", "sinY"] as const;
export type Feature = (typeof FEATURES)[number];
export const FEATURE_LABELS: Record<Feature, string> = {
  x: "X₁",
  y: "X₂",
  xSquared: "X₁²",
  ySquared: "X₂²",
  xTimesY: "X₁X₂",
  sinX: "sin X₁",
  sinY: "sin X₂",
};

export const ACTIVATIONS = [
  "tanh",
  "relu",
  "sigmoid",
  "linear",
  "leakyRelu",
  "elu",
  "selu",
  "gelu",
  "swish",
  "softplus",
  "softsign",
  "hardTanh",
  "hardSigmoid",
  "relu6",
] as const;
export const INITIALIZERS = [
  "glorotUniform",
  "glorotNormal",
  "heUniform",
  "heNormal",
  "lecunUniform",
  "lecunNormal",
  "randomUniform",
  "randomNormal",
  "truncatedNormal",
  "orthogonal",
  "zeros",
] as const;
export const OPTIMIZERS = [
  "sgd",
  "momentum",
  "nesterov",
  "rmsprop",
  "adam",
  "adamw",
  "adagrad",
  "adamax",
  "nadam",
  "adadelta",
] as const;
export const LOSSES = ["crossEntropy", "squaredError", "hinge"] as const;
export const SCHEDULES = ["constant", "cosine", "exponential", "step"] as const;
export const REGULARIZATIONS = ["none", "l1", "l2", "l1l2"] as const;
export const LEARNING_RATES = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
export const REG_RATES = [0, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
export const MAX_LAYERS = 10;
/** Controls a teacher can hide (classroom mode): the URL carries `<name>_hide=true`; the value is the checkbox's label. */
export const HIDEABLE = {
  play: "Play / pause",
  step: "Step",
  reset: "Reset",
  dataset: "Data set",
  classes: "Classes",
  points: "Points",
  trainRatio: "Training data ratio",
  noise: "Noise",
  seed: "Seed and regenerate",
  csv: "CSV upload",
  draw: "Drawing points",
  preset: "Presets",
  features: "Input features",
  layers: "Layers and neurons",
  activation: "Activation",
  init: "Initializer",
  optimizer: "Optimizer",
  learningRate: "Learning rate",
  schedule: "Schedule",
  loss: "Loss",
  regularization: "Regularization",
  regRate: "Regularization rate",
  batchSize: "Batch size",
  dropout: "Dropout",
  batchNorm: "Batch normalization",
  stop: "Stop conditions",
  showTestData: "Show test data",
  discretize: "Discretize output",
  export: "Export",
  races: "Races",
  walk: "Backprop walk",
  digits: "Convolution corner and digit pad",
} as const;
export type Hideable = keyof typeof HIDEABLE;
export const HIDEABLE_NAMES = Object.keys(HIDEABLE) as Hideable[];
export const MAX_NEURONS = 32;

export interface Settings {
  dataset: Dataset;
  /** Classes of the classification sets (2–5; xor and circle always have 2); 1 on your own data means its label is a regression target. */
  classes: number;
  noise: number;
  /** Percentage of the points used for training (10–90). */
  trainRatio: number;
  points: number;
  seed: number;
  features: Feature[];
  /** Neurons per hidden layer. */
  layers: number[];
  /** Activation per hidden layer (same length as layers). */
  activations: string[];
  dropout: number;
  batchNorm: boolean;
  init: string;
  regularization: string;
  regRate: number;
  learningRate: number;
  batchSize: number;
  optimizer: string;
  schedule: string;
  loss: string;
  showTestData: boolean;
  discretize: boolean;
  /** Stop after this many epochs (0: never). */
  stopEpoch: number;
  /** Stop once the test loss is at or below this (0: never). */
  stopLoss: number;
  /** Controls hidden for a classroom (in HIDEABLE_NAMES order). */
  hide: Hideable[];
}

export const DEFAULTS: Settings = {
  dataset: "circle",
  classes: 2,
  noise: 0,
  trainRatio: 50,
  points: 500,
  seed: 1,
  features: ["x", "y"],
  layers: [4, 2],
  activations: ["tanh", "tanh"],
  dropout: 0,
  batchNorm: false,
  init: "glorotUniform",
  regularization: "none",
  regRate: 0,
  learningRate: 0.03,
  batchSize: 10,
  optimizer: "sgd",
  schedule: "constant",
  loss: "crossEntropy",
  showTestData: false,
  discretize: false,
  stopEpoch: 0,
  stopLoss: 0,
  hide: [],
};

export const isRegression = (s: Settings): boolean =>
  (REGRESSION as readonly string[]).includes(s.dataset) || (s.dataset === "custom" && s.classes === 1);
/** Output classes of the network (1 output unit for regression and for two classes). */
export const classCount = (s: Settings): number =>
  isRegression(s) ? 1 : s.dataset === "circle" || s.dataset === "xor" ? 2 : s.classes;

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));
const num = (v: string | null, fallback: number): number => {
  const n = v === null || v.trim() === "" ? NaN : Number(v);
  return Number.isFinite(n) ? n : fallback;
};
const oneOf = <T extends string>(v: string | null, list: readonly T[], fallback: T): T =>
  v !== null && (list as readonly string[]).includes(v) ? (v as T) : fallback;
const bool = (v: string | null, fallback: boolean): boolean =>
  v === null ? fallback : v === "true" || v === "1";

/** Settings from a URL hash (with or without the leading #); unknown or bad values fall back to the defaults. */
export function parseSettings(hash: string): Settings {
  const p = new URLSearchParams(hash.replace(/^#/, ""));
  const d = DEFAULTS;
  const dataset = oneOf(p.get("dataset"), DATASETS, d.dataset);
  let layers = (p.get("layers") ?? d.layers.join(","))
    .split(",")
    .filter((x) => x !== "")
    .map((x) => clamp(Math.round(num(x, 1)), 1, MAX_NEURONS));
  if (p.get("layers") === "") layers = [];
  layers = layers.slice(0, MAX_LAYERS);
  const global = oneOf(p.get("activation"), ACTIVATIONS, "tanh");
  const acts = (p.get("acts") ?? "").split(",").filter((x) => x !== "");
  const activations = layers.map((_, i) => oneOf(acts[i] ?? null, ACTIVATIONS, global));
  const features = (p.get("features") ?? d.features.join(","))
    .split(",")
    .filter((f): f is Feature => (FEATURES as readonly string[]).includes(f));
  return {
    dataset,
    classes: clamp(Math.round(num(p.get("classes"), d.classes)), dataset === "custom" ? 1 : 2, 5),
    noise: clamp(num(p.get("noise"), d.noise), 0, 50),
    trainRatio: clamp(Math.round(num(p.get("trainRatio"), d.trainRatio)), 10, 90),
    points: clamp(Math.round(num(p.get("points"), d.points)), 20, 5000),
    seed: clamp(Math.round(num(p.get("seed"), d.seed)), 0, 2 ** 31 - 1),
    features: features.length > 0 ? [...new Set(features)] : [...d.features],
    layers,
    activations,
    dropout: clamp(num(p.get("dropout"), d.dropout), 0, 0.9),
    batchNorm: bool(p.get("batchNorm"), d.batchNorm),
    init: oneOf(p.get("init"), INITIALIZERS, "glorotUniform"),
    regularization: oneOf(p.get("regularization"), REGULARIZATIONS, "none"),
    regRate: clamp(num(p.get("regRate"), d.regRate), 0, 10),
    learningRate: clamp(num(p.get("learningRate"), d.learningRate), 1e-6, 100),
    batchSize: clamp(Math.round(num(p.get("batchSize"), d.batchSize)), 1, 5000),
    optimizer: oneOf(p.get("optimizer"), OPTIMIZERS, "sgd"),
    schedule: oneOf(p.get("schedule"), SCHEDULES, "constant"),
    loss: oneOf(p.get("loss"), LOSSES, "crossEntropy"),
    showTestData: bool(p.get("showTestData"), d.showTestData),
    discretize: bool(p.get("discretize"), d.discretize),
    stopEpoch: clamp(Math.round(num(p.get("stopEpoch"), 0)), 0, 1e7),
    stopLoss: clamp(num(p.get("stopLoss"), 0), 0, 1e3),
    hide: HIDEABLE_NAMES.filter((c) => bool(p.get(`${c}_hide`), false)),
  };
}

/** The URL hash (without #) that parseSettings turns back into `s`. */
export function settingsToHash(s: Settings): string {
  const uniform = s.activations.every((a) => a === s.activations[0]);
  const entries: [string, string][] = [
    ["dataset", s.dataset],
    ["classes", String(s.classes)],
    ["noise", String(s.noise)],
    ["trainRatio", String(s.trainRatio)],
    ["points", String(s.points)],
    ["seed", String(s.seed)],
    ["features", s.features.join(",")],
    ["layers", s.layers.join(",")],
    uniform ? ["activation", s.activations[0] ?? "tanh"] : ["acts", s.activations.join(",")],
    ["dropout", String(s.dropout)],
    ["batchNorm", String(s.batchNorm)],
    ["init", s.init],
    ["regularization", s.regularization],
    ["regRate", String(s.regRate)],
    ["learningRate", String(s.learningRate)],
    ["batchSize", String(s.batchSize)],
    ["optimizer", s.optimizer],
    ["schedule", s.schedule],
    ["loss", s.loss],
    ["showTestData", String(s.showTestData)],
    ["discretize", String(s.discretize)],
    ["stopEpoch", String(s.stopEpoch)],
    ["stopLoss", String(s.stopLoss)],
    ...HIDEABLE_NAMES.filter((c) => s.hide.includes(c)).map((c): [string, string] => [`${c}_hide`, "true"]),
  ];
  return new URLSearchParams(entries).toString();
}
