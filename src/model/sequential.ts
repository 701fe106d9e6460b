/**
 * Sequential: a stack of layers, each feeding the next, with Keras's training API.
 *
 *   const model = bp.sequential([
 *     bp.layers.dense({ units: 4, activation: "relu", inputShape: [3] }),
 *     bp.layers.dense({ units: 2, activation: "softmax" }),
 *   ]);
 *   model.compile({ optimizer: "adam", loss: "categoricalCrossentropy", metrics: ["accuracy"] });
 *   await model.fit(x, y, { epochs: 5, verbose: 0 });
 */
import { fmtShape, ShapeError, ValueError } from "../errors.js";
import { classNameOf, Layer, type Shape } from "../nn/layers/layer.js";
import { tidy } from "../tensor/engine.js";
import { Tensor, type Variable } from "../tensor/tensor.js";
import type { History } from "./callbacks/history.js";
import { asTensor, checkInputShape, checkSameCount, checkSampleWeight, positiveInt } from "./checks.js";
import { resolveCompile, type CompileArgs, type Compiled } from "./compile.js";
import { evaluateData, predictData } from "./evaluate.js";
import { fitModel, type FitModel } from "./fit.js";
import type { Data, FitArgs } from "./fit-options.js";
import { getLearningRate, setLearningRate } from "./learning-rate.js";
import type { SaveOptions } from "../formats/index.js";
import { saveModel } from "./save.js";
import { trainOnBatch } from "./step.js";
import { summarize, type SummaryArgs } from "./summary.js";
import type { LossIdentifier } from "../losses/index.js";
import type { Optimizer, OptimizerName } from "../optim/index.js";

/**
 * Options of bp.sequential: the layers and a name.
 *
 * @example
 * const args: bp.SequentialArgs = { name: "classifier", layers: [bp.layers.dense({ units: 3, inputShape: [4] })] };
 * bp.sequential(args).name;   // => "classifier"
 */
export interface SequentialArgs {
  layers?: Layer[];
  name?: string;
}

let counter = 0;

type Saver = (model: Sequential, path: string, options?: SaveOptions) => Promise<void>;
let saver: Saver = (model, path, options) => {
  if (options?.format !== undefined && options.format !== "backprop") throw new ValueError(`save: format "${options.format}" needs backprop's formats module (import "backprop")`);
  return saveModel(model, path);
};

/** Installed by src/formats, so model.save reaches every format without an import cycle. */
export function setModelSaver(fn: Saver): void {
  saver = fn;
}

/**
 * A linear stack of layers with Keras's compile / fit / evaluate / predict / save.
 *
 * @example
 * const { x, y } = bp.data.toy.xor({ n: 200, seed: 1 });
 * const model = new bp.Sequential({ name: "xor" });
 * model.add(bp.layers.dense({ units: 8, activation: "tanh", inputShape: [2] }));
 * model.add(bp.layers.dense({ units: 1, activation: "sigmoid" }));
 * model.compile({ optimizer: bp.optimizers.adam({ learningRate: 0.05 }), loss: "binaryCrossentropy", metrics: ["accuracy"] });
 * const history = await model.fit(x, y, { epochs: 20, batchSize: 32, seed: 1, verbose: 0 });
 * history.history.loss!.length;   // => 20
 * model.evaluate(x, y).accuracy! > 0.8;   // => true
 * model.predict(bp.tensor([[0.5, -0.5]])).shape;   // => [1, 1]
 * model.countParams();   // => 33
 */
export class Sequential implements FitModel {
  static readonly className = "Sequential";
  readonly name: string;
  readonly layers: Layer[] = [];
  /** Set by callbacks to end fit after the current batch. */
  stopTraining = false;
  /** Epochs completed by fit (saved with the model; pass it as initialEpoch to resume). */
  trainingEpoch = 0;
  /** The History of the last fit. */
  history: History | undefined;
  private compiled: Compiled | undefined;
  private inputShape_: Shape | undefined;

  constructor(args: SequentialArgs = {}) {
    this.name = args.name ?? (counter++ === 0 ? "sequential" : `sequential_${counter - 1}`);
    for (const layer of args.layers ?? []) this.add(layer);
  }

  /**
   * Appends a layer (built right away when the model already is).
   *
   * @example
   * const model = bp.sequential();
   * model.add(bp.layers.dense({ units: 4, activation: "relu", inputShape: [2] }));
   * model.add(bp.layers.dense({ units: 1 }));
   * model.layers.length;   // => 2
   */
  add(layer: Layer): void {
    if (!(layer instanceof Layer)) throw new ValueError(`Sequential.add: expected a layer (e.g. bp.layers.dense({ units: 1 })), got ${layer === null ? "null" : typeof layer}`);
    if (this.layers.includes(layer)) throw new ValueError(`Sequential.add: layer "${layer.name}" is already in the model`);
    this.layers.push(layer);
    // as Keras: once the input shape is known, the model (and every layer added later) is built at once
    const shape = this.inputShape_ ?? this.layers[0]?.batchInputShape;
    if (shape) this.build(shape, true);
  }

  /**
   * The input shape with the batch axis null, once known (from the first layer's inputShape or the first data).
   *
   * @example
   * bp.sequential([bp.layers.dense({ units: 1, inputShape: [5] })]).inputShape;   // => [null, 5]
   */
  get inputShape(): Shape | undefined {
    return this.inputShape_ ?? this.layers[0]?.batchInputShape;
  }

  /**
   * Whether every layer has its weights (after build, or the first fit / predict on data).
   *
   * @example
   * const model = bp.sequential([bp.layers.dense({ units: 1 })]);
   * model.built;   // => false
   * model.predict(bp.ones([1, 3]));
   * model.built;   // => true
   */
  get built(): boolean {
    return this.inputShape_ !== undefined;
  }

  /**
   * Builds every layer for inputs of `inputShape` (batch axis included).
   *
   * @example
   * const model = bp.sequential([bp.layers.dense({ units: 4 }), bp.layers.dense({ units: 1 })]);
   * model.build([null, 3]);
   * model.countParams();   // => 21
   */
  build(inputShape: Shape, force = false): void {
    if (this.inputShape_ && !force) return;
    if (this.layers.length === 0) throw new ValueError(`${this.name}: the model has no layers; add some with model.add(layer)`);
    let shape = [...inputShape];
    for (const layer of this.layers) {
      if (!layer.built) layer.build(shape);
      shape = layer.computeOutputShape(shape);
    }
    this.inputShape_ = [...inputShape];
  }

  /**
   * The output shape of each layer for the built input shape.
   *
   * @example
   * const model = bp.sequential([bp.layers.conv2d({ filters: 4, kernelSize: 3, inputShape: [8, 8, 1] }), bp.layers.flatten()]);
   * model.layerOutputShapes();   // => [[null, 6, 6, 4], [null, 144]]
   */
  layerOutputShapes(): Shape[] {
    const input = this.inputShape;
    if (!input) throw new ValueError(`${this.name}: the model is not built; give the first layer an inputShape or run it on data first`);
    this.build(input);
    const out: Shape[] = [];
    let shape: Shape = [...input];
    for (const layer of this.layers) out.push((shape = layer.computeOutputShape(shape)));
    return out;
  }

  /**
   * Builds for x's shape when needed and checks x against the model's input.
   *
   * @example
   * const model = bp.sequential([bp.layers.dense({ units: 1 })]);
   * model.prepareInput("myLoop", bp.ones([2, 3]));   // builds for 3 features
   * model.inputShape;   // => [null, 3]
   */
  prepareInput(op: string, x: Tensor): void {
    if (x.rank === 0) throw new ShapeError(`${op}: x must have a leading sample axis, got a scalar`);
    const expected = this.inputShape ?? [null, ...x.shape.slice(1)];
    checkInputShape(op, x, expected);
    this.build(expected);
  }

  /**
   * The forward pass (differentiable); `training: true` turns on dropout and batch statistics.
   *
   * @example
   * const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [2] })]);
   * const x = bp.ones([4, 2]);
   * const { grads } = bp.valueAndGrads(() => model.apply(x, { training: true }).square().mean(), model.trainableWeights);
   * grads.map((g) => g.shape);   // => [[2, 1], [1]]
   */
  apply(x: Tensor, kwargs: { training?: boolean } = {}): Tensor {
    if (!(x instanceof Tensor)) throw new ValueError(`${this.name}: apply expects a Tensor, got ${typeof x}`);
    this.prepareInput("apply", x);
    let y = x;
    for (const layer of this.layers) y = layer.apply(y, { training: kwargs.training ?? false });
    return y;
  }

  /**
   * Fixes optimizer, loss and metrics for fit / evaluate.
   *
   * @example
   * const model = bp.sequential([bp.layers.dense({ units: 3, activation: "softmax", inputShape: [4] })]);
   * model.compile({ optimizer: bp.optimizers.adam({ learningRate: 1e-3 }), loss: "categoricalCrossentropy", metrics: ["accuracy"] });
   * model.optimizer!.className;   // => "Adam"
   */
  compile<L extends string = LossIdentifier, O extends string = OptimizerName>(args: CompileArgs<L, O>): void {
    this.compiled = resolveCompile(args as unknown as CompileArgs<string, string>);
  }

  /**
   * The compiled optimizer, if any.
   *
   * @example
   * const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [1] })]);
   * model.optimizer;   // => undefined
   * model.compile({ optimizer: "rmsprop", loss: "mse" });
   * model.optimizer!.className;   // => "RMSprop"
   */
  get optimizer(): Optimizer | undefined {
    return this.compiled?.optimizer;
  }

  /**
   * The compile settings; throws a ValueError naming `op` before compile.
   *
   * @example
   * const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [1] })]);
   * model.compile({ optimizer: "sgd", loss: "mse" });
   * model.compiledFor("myLoop").optimizer.className;   // => "SGD"
   */
  compiledFor(op: string): Compiled {
    if (!this.compiled) throw new ValueError(`${op}: the model is not compiled; call model.compile({ optimizer, loss }) first`);
    return this.compiled;
  }

  /**
   * Trains the model; see FitArgs for the options. Returns the History.
   *
   * @example
   * const { x, y } = bp.data.toy.gaussian({ n: 200, seed: 1 });
   * const model = bp.sequential([bp.layers.dense({ units: 1, activation: "sigmoid", inputShape: [2] })]);
   * model.compile({ optimizer: bp.optimizers.adam({ learningRate: 0.05 }), loss: "binaryCrossentropy", metrics: ["accuracy"] });
   * const history = await model.fit(x, y, { epochs: 5, batchSize: 32, validationSplit: 0.2, seed: 1, verbose: 0 });
   * history.history.val_accuracy!.at(-1)! > 0.9;   // => true
   */
  fit(x: Data, y: Data, args: FitArgs = {}): Promise<History> {
    return fitModel(this, x, y, args);
  }

  /**
   * Loss (regularization included) and metrics over a data set: `{ loss, accuracy, … }`.
   *
   * @example
   * const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [1], kernelInitializer: "ones" })]);
   * model.compile({ optimizer: "sgd", loss: "mse", metrics: ["mae"] });
   * model.evaluate(bp.tensor([[1], [2]]), bp.tensor([[1], [4]]));   // => { loss: 2, mae: 1 }
   */
  evaluate(xIn: Data, yIn: Data, args: { batchSize?: number; sampleWeight?: Data; verbose?: number } = {}): Record<string, number> {
    const op = "evaluate";
    const c = this.compiledFor(op);
    const batchSize = positiveInt(op, "batchSize", args.batchSize ?? 32);
    return tidy(() => {
      const x = asTensor(op, "x", xIn);
      const y = asTensor(op, "y", yIn);
      const sw = args.sampleWeight === undefined ? undefined : asTensor(op, "sampleWeight", args.sampleWeight);
      const n = checkSameCount(op, [["x", x], ["y", y], ["sampleWeight", sw]]);
      if (n === 0) throw new ValueError(`${op}: x has no samples`);
      if (sw) checkSampleWeight(op, sw, n);
      this.prepareInput(op, x);
      return evaluateData(this, c, c.evalMetrics, x, y, sw, batchSize);
    });
  }

  /**
   * The outputs for x, computed in batches (default 32) in inference mode.
   *
   * @example
   * const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [2], kernelInitializer: "ones" })]);
   * model.predict(bp.tensor([[1, 2], [3, 4]]));   // => [[3], [7]]
   * model.predict([[1, 1]], { batchSize: 1 });   // => [[2]]
   */
  predict(xIn: Data, args: { batchSize?: number; verbose?: number } = {}): Tensor {
    const op = "predict";
    const batchSize = positiveInt(op, "batchSize", args.batchSize ?? 32);
    const x = asTensor(op, "x", xIn);
    try {
      if ((x.shape[0] ?? 0) === 0) throw new ValueError(`${op}: x has no samples`);
      this.prepareInput(op, x);
      return predictData(this, x, batchSize);
    } finally {
      if (x !== xIn) x.dispose();
    }
  }

  /**
   * One optimizer step on one batch; returns the batch loss (regularization included), computed before the update.
   *
   * @example
   * const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [1], kernelInitializer: "zeros" })]);
   * model.compile({ optimizer: bp.optimizers.sgd({ learningRate: 0.1 }), loss: "mse" });
   * model.trainStep(bp.tensor([[1]]), bp.tensor([[2]]));   // => 4
   * model.trainStep(bp.tensor([[1]]), bp.tensor([[2]])) < 4;   // => true
   */
  trainStep(xIn: Data, yIn: Data, sampleWeight?: Data): number {
    const op = "trainStep";
    const c = this.compiledFor(op);
    return tidy(() => {
      const x = asTensor(op, "x", xIn);
      const y = asTensor(op, "y", yIn);
      const sw = sampleWeight === undefined ? undefined : asTensor(op, "sampleWeight", sampleWeight);
      checkSameCount(op, [["x", x], ["y", y], ["sampleWeight", sw]]);
      this.prepareInput(op, x);
      return trainOnBatch(this, c, x, y, sw);
    });
  }

  /**
   * Every weight, layer by layer (each layer's in Keras order).
   *
   * @example
   * const model = bp.sequential([bp.layers.dense({ units: 3, inputShape: [2] }), bp.layers.dense({ units: 1 })]);
   * model.weights.map((w) => w.shape);   // => [[2, 3], [3], [3, 1], [1]]
   */
  get weights(): Variable[] {
    return this.layers.flatMap((l) => l.weights);
  }

  /**
   * The weights fit updates: those of every layer that is not frozen.
   *
   * @example
   * const model = bp.sequential([bp.layers.dense({ units: 3, inputShape: [2] }), bp.layers.dense({ units: 1 })]);
   * model.layers[0]!.trainable = false;
   * model.trainableWeights.length;   // => 2
   */
  get trainableWeights(): Variable[] {
    return this.layers.flatMap((l) => l.trainableWeights);
  }

  /**
   * The weights fit leaves alone: batch statistics, and those of frozen layers.
   *
   * @example
   * const model = bp.sequential([bp.layers.dense({ units: 3, inputShape: [2] }), bp.layers.batchNormalization()]);
   * model.nonTrainableWeights.length;   // => 2
   */
  get nonTrainableWeights(): Variable[] {
    return this.layers.flatMap((l) => l.nonTrainableWeights);
  }

  /**
   * Copies of all weight values, in `weights` order.
   *
   * @example
   * const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [2], kernelInitializer: "ones" })]);
   * model.getWeights();   // => [[[1], [1]], [0]]
   */
  getWeights(): Tensor[] {
    return this.layers.flatMap((l) => l.getWeights());
  }

  /**
   * Sets all weights, in `weights` order; the count and every shape must match.
   *
   * @example
   * const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [2] })]);
   * model.setWeights([bp.tensor([[1], [-1]]), bp.tensor([0.5])]);
   * model.predict(bp.tensor([[3, 1]]));   // => [[2.5]]
   */
  setWeights(values: readonly Tensor[]): void {
    const ws = this.weights;
    if (!Array.isArray(values) || values.length !== ws.length) {
      throw new ValueError(`setWeights: the model has ${ws.length} weights (${ws.map((w) => w.name).join(", ")}), got ${Array.isArray(values) ? values.length : typeof values}`);
    }
    ws.forEach((w, i) => {
      const v = values[i];
      if (!(v instanceof Tensor) || v.shape.length !== w.shape.length || v.shape.some((d, j) => d !== w.shape[j])) {
        throw new ShapeError(`setWeights: weight ${i} "${w.name}" has shape ${fmtShape(w.shape)}, got ${v instanceof Tensor ? fmtShape(v.shape) : typeof v}`);
      }
    });
    ws.forEach((w, i) => w.assign(values[i] as Tensor));
  }

  /**
   * The number of scalars in all weights.
   *
   * @example
   * bp.sequential([bp.layers.dense({ units: 128, inputShape: [784] }), bp.layers.dense({ units: 10 })]).countParams();   // => 101770
   */
  countParams(): number {
    this.layerOutputShapes();
    return this.layers.reduce((n, l) => n + l.countParams(), 0);
  }

  /**
   * The Keras-style table: layer (type), output shape, param #; total / trainable / non-trainable params.
   *
   * @example
   * const model = bp.sequential([bp.layers.dense({ units: 10, inputShape: [784], name: "out" })]);
   * const table = model.summary();
   * console.log(table);   // layer (type) · output shape · param #, then the totals
   * table.includes("out (Dense)");   // => true
   */
  summary(args: SummaryArgs = {}): string {
    return summarize(this, args);
  }

  /**
   * The optimizer's current learning rate.
   *
   * @example
   * const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [1] })]);
   * model.compile({ optimizer: bp.optimizers.adam({ learningRate: 0.003 }), loss: "mse" });
   * model.getLearningRate();   // => 0.003
   */
  getLearningRate(): number {
    return getLearningRate(this.compiledFor("getLearningRate").optimizer);
  }

  /**
   * Sets the optimizer's learning rate (a constant; not possible when it follows a schedule).
   *
   * @example
   * const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [1] })]);
   * model.compile({ optimizer: "adam", loss: "mse" });
   * model.setLearningRate(1e-4);
   * model.getLearningRate();   // => 0.0001
   */
  setLearningRate(lr: number): void {
    setLearningRate(this.compiledFor("setLearningRate").optimizer, lr);
  }

  /**
   * Topology: the layers' class names and configs.
   *
   * @example
   * const model = bp.sequential({ name: "mlp", layers: [bp.layers.dense({ units: 2, inputShape: [3] })] });
   * model.getConfig().layers.map((l) => l.className);   // => ["Dense"]
   */
  getConfig(): { name: string; layers: { className: string; config: Record<string, unknown> }[] } {
    return {
      name: this.name,
      layers: this.layers.map((l) => ({ className: classNameOf(l.constructor as typeof Layer), config: l.getConfig() })),
    };
  }

  /**
   * Saves the model atomically (Node only): a directory of model.json + weights.bin by default, or the
   * format given (`{ format: "tfjs" | "safetensors" }`) or implied by the extension (`.safetensors`).
   *
   * @example
   * import { mkdtempSync, readdirSync } from "node:fs";
   * import { tmpdir } from "node:os";
   * import { join } from "node:path";
   * const dir = join(mkdtempSync(join(tmpdir(), "bp-")), "model");
   * const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [2] })]);
   * await model.save(dir);
   * readdirSync(dir).sort();   // => ["model.json", "weights.bin"]
   */
  save(path: string, options?: SaveOptions): Promise<void> {
    return saver(this, path, options);
  }

  /**
   * The compile settings, for saving.
   *
   * @example
   * const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [1] })]);
   * model.compileState();   // => undefined
   * model.compile({ optimizer: "sgd", loss: "mse" });
   * model.compileState()!.optimizer.className;   // => "SGD"
   */
  compileState(): Compiled | undefined {
    return this.compiled;
  }
}

/**
 * A Sequential model from a list of layers (or options { layers, name }).
 *
 * @example
 * const model = bp.sequential([
 *   bp.layers.dense({ units: 128, activation: "relu", inputShape: [784] }),
 *   bp.layers.dropout({ rate: 0.2 }),
 *   bp.layers.dense({ units: 10, activation: "softmax" }),
 * ]);
 * model.compile({ optimizer: "adam", loss: "categoricalCrossentropy", metrics: ["accuracy"] });
 * console.log(model.summary());   // layer, output shape and parameters per layer, then the totals
 * model.countParams();   // => 101770
 */
export function sequential(layers: Layer[] | SequentialArgs = []): Sequential {
  return new Sequential(Array.isArray(layers) ? { layers } : layers);
}
