/**
 * The Layer base class: options in, `build(inputShape)` makes the weights on first use, `call(x)`
 * computes the output, `getConfig()` says how to make it again. Extend it to write your own layer:
 *
 *   class Scale extends bp.layers.Layer {
 *     static override className = "Scale";
 *     w!: bp.Variable;
 *     override build(shape: bp.layers.Shape) { this.w = this.addWeight("w", [shape[shape.length - 1]!], bp.initializers.ones()); }
 *     call(x: bp.Tensor) { return x.mul(this.w); }
 *   }
 *   new Scale().apply(bp.ones([2, 3]));
 */
import { noGrad } from "../../autograd/tape.js";
import type { DType } from "../../backend/dtype.js";
import { BackpropError, fmtShape, ShapeError, ValueError } from "../../errors.js";
import { tensor as copyTensor, zeros } from "../../tensor/creation.js";
import { keep, tidy } from "../../tensor/engine.js";
import { Tensor, Variable } from "../../tensor/tensor.js";
import type { Initializer } from "../initializers.js";
import type { Regularizer } from "../regularizers.js";
import { classNameOf, fmtDims, snakeCase, uniqueName } from "./naming.js";

export { classNameOf, fmtDims, snakeCase } from "./naming.js";
export { layerFromConfig, registeredLayers, registerLayer, type LayerClass } from "./registry.js";

/**
 * A shape with the batch axis (and possibly others) unknown: `[null, 28, 28, 1]`.
 *
 * @example
 * const shape: bp.layers.Shape = [null, 28, 28, 1];   // null: any batch size
 * bp.layers.conv2d({ filters: 8, kernelSize: 3 }).computeOutputShape(shape);   // => [null, 26, 26, 8]
 */
export type Shape = (number | null)[];

/**
 * Options every layer takes: name, inputShape / batchInputShape, trainable, dtype.
 *
 * @example
 * const args: bp.layers.LayerArgs = { name: "features", inputShape: [784], trainable: false };
 * const layer = bp.layers.dense({ ...args, units: 10 });
 * [layer.name, layer.trainable];   // => ["features", false]
 */
export interface LayerArgs {
  /** Unique name; defaults to `${snake_case(className)}_${n}`, e.g. "dense_1". */
  name?: string;
  /** The input's shape without the batch axis (first layer of a model). */
  inputShape?: (number | null)[];
  /** The input's shape with the batch axis (null = any batch size). */
  batchInputShape?: (number | null)[];
  /** Fixes the batch size when inputShape is given. */
  batchSize?: number;
  /** false freezes every weight of the layer. */
  trainable?: boolean;
  /** The dtype of the weights: "float32" (default) or "float64" (js backend, for gradient checks). */
  dtype?: DType;
}

/**
 * What a layer accepts, checked by apply before call (Keras's InputSpec).
 *
 * @example
 * class RowSum extends bp.layers.Layer {
 *   protected override inputSpec: bp.layers.InputSpec = { ndim: 2, hint: "[batch, features]" };
 *   call(x: bp.Tensor): bp.Tensor {
 *     return x.sum(1, true);
 *   }
 * }
 * let message = "";
 * try {
 *   new RowSum().apply(bp.ones([2, 3, 4]));
 * } catch (e) {
 *   message = (e as Error).message;   // names the layer, the shape it got and the hint
 * }
 * message.includes("[batch, features]");   // => true
 */
export interface InputSpec {
  ndim?: number;
  minNdim?: number;
  /** Required sizes of some axes; negative axes count from the end. */
  axes?: Record<number, number>;
  /** Required sizes of every axis (null = any). */
  shape?: Shape;
  /** How the expected input is described in errors, e.g. "[batch, height, width, channels]". */
  hint?: string;
}

/** The most elements one weight may have (2^28: 1 GiB of float32); larger ones are a mistake in a config. */
export const MAX_WEIGHT_ELEMENTS = 2 ** 28;

/** Gives addWeight the values of a weight instead of initializing it: (full name, shape, dtype) → tensor. */
export type WeightSource = (name: string, shape: readonly number[], dtype: DType) => Tensor;
let weightSource: WeightSource | undefined;

/**
 * Runs fn with every addWeight taking its values from `source` (loading a saved model: weights that
 * will be overwritten are never initialized, and the source can refuse a shape before allocation).
 */
export function withWeightSource<T>(source: WeightSource, fn: () => T): T {
  const outer = weightSource;
  weightSource = source;
  try {
    return fn();
  } finally {
    weightSource = outer;
  }
}

interface WeightRecord {
  variable: Variable;
  trainable: boolean;
  regularizer: Regularizer | null;
}

function checkShapeArg(where: string, key: string, shape: unknown, allowNull: boolean): Shape {
  if (!Array.isArray(shape) || shape.some((d) => !(d === null && allowNull) && !(Number.isInteger(d) && (d as number) > 0))) {
    throw new ValueError(`${where}: ${key} must be an array of positive integers${allowNull ? " or null" : ""}, got ${JSON.stringify(shape)}`);
  }
  return [...(shape as Shape)];
}

/**
 * Writes what a captured step's key holds of a layer's weights into `key` from index `at` and returns
 * the index after them: whether the layer trains, then per weight in creation order its variable,
 * storage and flags. No array is made (the key is rebuilt at every step of a fit; the weight lists
 * of trainableWeights would be two arrays per layer per step). Set by Layer's static block, which
 * reads the private records.
 */
export let writeWeightKey: (layer: Layer, key: unknown[], at: number) => number;
/** Whether a layer has a weight that trains (trainableWeights.length > 0, without the array). */
export let trainsAny: (layer: Layer) => boolean;

/**
 * The base class of layers: options in, build(inputShape), call(x), weights, getConfig() for saving.
 *
 * @example
 * class Scale extends bp.layers.Layer {
 *   static override className = "Scale";
 *   scale!: bp.Variable;
 *   override build(inputShape: bp.layers.Shape): void {
 *     this.scale = this.addWeight("scale", [inputShape[inputShape.length - 1]!], bp.initializers.ones());
 *   }
 *   call(x: bp.Tensor): bp.Tensor {
 *     return x.mul(this.scale);
 *   }
 * }
 * const layer = new Scale({ inputShape: [3] });
 * layer.apply(bp.tensor([[1, 2, 3]]));   // => [[1, 2, 3]]
 * layer.countParams();   // => 3
 */
export abstract class Layer {
  /** The Keras class name, used by save / load ("Dense", "Conv2D", …). */
  static className = "Layer";

  readonly name: string;
  readonly batchInputShape?: Shape;
  readonly dtype: DType;
  built = false;
  /** The shape the layer was built with (batch axis null). */
  builtInputShape?: Shape;
  /** What apply accepts; built-in layers set it in build. Undefined: exactly the built shape. */
  protected inputSpec?: InputSpec;
  private trainable_: boolean;
  private readonly records: WeightRecord[] = [];

  static {
    writeWeightKey = (layer, key, at) => {
      key[at++] = layer.trainable_;
      const records = layer.records;
      for (let i = 0; i < records.length; i++) {
        const r = records[i]!;
        key[at++] = r.variable;
        key[at++] = r.variable.storage;
        key[at++] = r.variable.trainable;
        key[at++] = r.trainable;
      }
      return at;
    };
    trainsAny = (layer) => layer.trainable_ && layer.records.some((r) => r.trainable);
  }

  constructor(args: LayerArgs = {}) {
    const cls = classNameOf(this.constructor as typeof Layer);
    if (args === null || typeof args !== "object") throw new ValueError(`${cls}: expected an options object, got ${String(args)}`);
    if (args.name !== undefined && (typeof args.name !== "string" || args.name === "")) {
      throw new ValueError(`${cls}: name must be a non-empty string, got ${JSON.stringify(args.name)}`);
    }
    this.name = args.name ?? uniqueName(snakeCase(cls));
    const where = `${this.name} (${cls})`;
    if (args.batchInputShape !== undefined && args.batchInputShape !== null) {
      this.batchInputShape = checkShapeArg(where, "batchInputShape", args.batchInputShape, true);
    } else if (args.inputShape !== undefined && args.inputShape !== null) {
      const batch = args.batchSize ?? null;
      if (batch !== null && !(Number.isInteger(batch) && batch > 0)) throw new ValueError(`${where}: batchSize must be a positive integer, got ${String(batch)}`);
      this.batchInputShape = [batch, ...checkShapeArg(where, "inputShape", args.inputShape, true)];
    }
    const dtype = args.dtype ?? "float32";
    if (dtype !== "float32" && dtype !== "float64") throw new ValueError(`${where}: dtype must be "float32" or "float64", got ${JSON.stringify(dtype)}`);
    this.dtype = dtype;
    this.trainable_ = args.trainable ?? true;

    // build runs once, records the shape, and sets `built` (so subclasses only create weights)
    const build = this.build;
    this.build = (inputShape: Shape): void => {
      if (this.built) return;
      this.guard(() => build.call(this, inputShape));
      this.builtInputShape = [...inputShape];
      this.built = true;
    };
  }

  /**
   * "dense_1 (Dense)": how errors name the layer.
   *
   * @example
   * const dense = bp.layers.dense({ units: 4, name: "hidden" });
   * dense.label;   // => "hidden (Dense)"
   */
  get label(): string {
    return `${this.name} (${classNameOf(this.constructor as typeof Layer)})`;
  }

  /**
   * Whether its weights are trained; false makes every weight non-trainable.
   *
   * @example
   * const layer = bp.layers.dense({ units: 2, inputShape: [3] });
   * layer.apply(bp.ones([1, 3]));
   * layer.trainable = false;   // freezes the kernel and the bias
   * layer.trainableWeights.length;   // => 0
   */
  get trainable(): boolean {
    return this.trainable_;
  }

  set trainable(value: boolean) {
    this.trainable_ = value;
    for (const r of this.records) r.variable.trainable = value && r.trainable;
  }

  /**
   * Creates the weights for an input of `inputShape` (batch axis included, null). Called once, by apply.
   *
   * @example
   * const dense = bp.layers.dense({ units: 4 });
   * dense.build([null, 3]);   // creates the weights for inputs of 3 features
   * dense.weights.map((w) => w.shape);   // => [[3, 4], [4]]
   */
  build(inputShape: Shape): void {
    void inputShape;
  }

  /** The forward computation on a validated input. */
  abstract call(x: Tensor, kwargs: { training: boolean }): Tensor;

  /**
   * Runs the layer: checks the input's rank and shape, builds on first use, then calls `call`.
   * Differentiable; `training: true` turns on dropout and batch statistics.
   *
   * @example
   * const dense = bp.layers.dense({ units: 2, kernelInitializer: "ones" });
   * dense.apply(bp.tensor([[1, 2]]));   // => [[3, 3]]
   * const drop = bp.layers.dropout({ rate: 0.5, seed: 1 });
   * drop.apply(bp.ones([4]), { training: true }).shape;   // => [4]
   */
  apply(x: Tensor, kwargs: { training?: boolean } = {}): Tensor {
    return this.guard(() => {
      if (!(x instanceof Tensor)) {
        throw new ValueError(`${this.label}: expected a Tensor input, got ${x === null ? "null" : Array.isArray(x) ? "an array (wrap it with bp.tensor)" : typeof x}`);
      }
      if (!this.built) {
        if (this.batchInputShape) this.checkInput(x.shape, { shape: this.batchInputShape });
        this.build(this.batchInputShape ?? [null, ...x.shape.slice(1)]);
      }
      this.checkInput(x.shape, this.inputSpec ?? { shape: this.builtInputShape ?? [] });
      const input = x.dtype === "int32" && this.castIntInputs() ? x.cast(this.dtype) : x;
      return this.call(input, { training: kwargs?.training ?? false });
    });
  }

  /** Whether int32 inputs are converted to the layer's dtype first (all but index-taking layers). */
  protected castIntInputs(): boolean {
    return true;
  }

  /** Runs fn and prefixes the message of any BackpropError it throws with the layer's name. */
  protected guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      if (e instanceof BackpropError && !e.message.startsWith(this.label)) e.message = `${this.label}: ${e.message}`;
      throw e;
    }
  }

  private checkInput(shape: readonly number[], spec: InputSpec): void {
    const want = spec.shape ? `expected input shape ${fmtDims(spec.shape)}` : "expected";
    const hint = spec.hint ? ` ${spec.hint}` : "";
    const fail = (what: string): never => {
      throw new ShapeError(`${this.label}: ${what}${hint}, got input shape ${fmtShape(shape)}`);
    };
    if (spec.shape) {
      if (shape.length !== spec.shape.length || spec.shape.some((d, i) => d !== null && d !== shape[i])) fail(want);
    }
    if (spec.ndim !== undefined && shape.length !== spec.ndim) fail(`expected an input of rank ${spec.ndim}`);
    if (spec.minNdim !== undefined && shape.length < spec.minNdim) fail(`expected an input of rank ${spec.minNdim} or more`);
    for (const [k, size] of Object.entries(spec.axes ?? {})) {
      const axis = Number(k) < 0 ? shape.length + Number(k) : Number(k);
      if (shape[axis] !== size) fail(`expected axis ${k} of the input to have size ${size}`);
    }
  }

  /**
   * The output shape for an input shape (null = unknown). The default builds the layer and runs it
   * on zeros; built-in layers compute it directly.
   *
   * @example
   * bp.layers.conv2d({ filters: 6, kernelSize: 5 }).computeOutputShape([null, 32, 32, 3]);   // => [null, 28, 28, 6]
   */
  computeOutputShape(inputShape: Shape): Shape {
    this.build(inputShape);
    const probe = inputShape.map((d) => d ?? 1);
    const out = tidy(() => noGrad(() => [...this.apply(zeros(probe, this.dtype)).shape]));
    return out.map((d, i) => (i === 0 ? (inputShape[0] ?? null) : d));
  }

  /**
   * Creates a weight, initialized now; kept alive across tidy scopes until the layer is disposed.
   *
   * @example
   * class Bias extends bp.layers.Layer {
   *   b!: bp.Variable;
   *   override build(shape: bp.layers.Shape): void {
   *     this.b = this.addWeight("b", [shape[shape.length - 1]!], bp.initializers.zeros(), { regularizer: bp.regularizers.l2() });
   *   }
   *   call(x: bp.Tensor): bp.Tensor {
   *     return x.add(this.b);
   *   }
   * }
   * const layer = new Bias();
   * layer.apply(bp.ones([1, 3]));
   * layer.weights[0]!.name.endsWith("/b");   // => true
   */
  addWeight(name: string, shape: number[], initializer: Initializer, opts: { trainable?: boolean; regularizer?: Regularizer | null; dtype?: DType } = {}): Variable {
    const dtype = opts.dtype ?? this.dtype;
    const trainable = opts.trainable ?? true;
    let elements = 1;
    for (const d of shape) elements *= d;
    if (elements > MAX_WEIGHT_ELEMENTS) {
      throw new ValueError(`${this.label}: weight "${name}" of shape ${fmtShape(shape)} would have ${elements} elements, more than the limit of ${MAX_WEIGHT_ELEMENTS} (2^28); check the layer's sizes`);
    }
    const source = weightSource;
    const variable = tidy(() => {
      const init = source ? source(`${this.name}/${name}`, shape, dtype) : initializer.apply(shape, dtype);
      if (!(init instanceof Tensor) || init.shape.length !== shape.length || init.shape.some((d, i) => d !== shape[i])) {
        throw new ShapeError(`${this.label}: initializer ${initializer.className} returned ${init instanceof Tensor ? `shape ${fmtShape(init.shape)}` : typeof init} for weight "${name}" of shape ${fmtShape(shape)}`);
      }
      return new Variable(init.dtype === dtype ? init : init.cast(dtype), { name: `${this.name}/${name}`, trainable: this.trainable_ && trainable });
    });
    keep(variable);
    this.records.push({ variable, trainable, regularizer: opts.regularizer ?? null });
    return variable;
  }

  /**
   * Every weight, Keras order: trainable ones as created, then the non-trainable ones.
   *
   * @example
   * const dense = bp.layers.dense({ units: 4, inputShape: [3] });
   * dense.apply(bp.ones([1, 3]));
   * dense.weights.map((w) => w.shape);   // => [[3, 4], [4]]
   */
  get weights(): Variable[] {
    return [...this.trainableWeights, ...this.nonTrainableWeights];
  }

  /**
   * The weights an optimizer updates: all of them unless the layer is frozen (batch statistics never are).
   *
   * @example
   * const bn = bp.layers.batchNormalization();
   * bn.apply(bp.ones([2, 3]));
   * bn.trainableWeights.length;   // => 2
   */
  get trainableWeights(): Variable[] {
    return this.weightsWhere(true);
  }

  /**
   * The weights an optimizer leaves alone: batch statistics, and every weight of a frozen layer.
   *
   * @example
   * const bn = bp.layers.batchNormalization();
   * bn.apply(bp.ones([2, 3]));
   * bn.nonTrainableWeights.length;   // => 2
   */
  get nonTrainableWeights(): Variable[] {
    return this.weightsWhere(false);
  }

  /**
   * The weights that train (`trainable`) or not, in creation order: one array and a plain loop, since
   * a captured training step's model key asks for both lists of every layer at every step.
   */
  private weightsWhere(trainable: boolean): Variable[] {
    const out: Variable[] = [];
    const records = this.records;
    for (let i = 0; i < records.length; i++) {
      const r = records[i]!;
      if (!!(this.trainable_ && r.trainable) === trainable) out.push(r.variable);
    }
    return out;
  }

  /**
   * One scalar penalty per regularized trainable weight, from the current values (differentiable).
   *
   * @example
   * const dense = bp.layers.dense({ units: 1, inputShape: [2], kernelInitializer: "ones", kernelRegularizer: bp.regularizers.l2({ l2: 0.5 }) });
   * dense.apply(bp.ones([1, 2]));
   * dense.regularizationLosses().map((t) => t.item());   // => [1]
   */
  regularizationLosses(): Tensor[] {
    if (!this.trainable_) return [];
    return this.records.filter((r) => r.trainable && r.regularizer !== null).map((r) => r.regularizer!.apply(r.variable));
  }

  /**
   * The number of scalars in all weights.
   *
   * @example
   * const dense = bp.layers.dense({ units: 10, inputShape: [784] });
   * dense.apply(bp.ones([1, 784]));
   * dense.countParams();   // => 7850
   */
  countParams(): number {
    if (!this.built) throw new ValueError(`${this.label}: countParams needs the layer built; apply it to an input or give inputShape first`);
    return this.records.reduce((n, r) => n + r.variable.size, 0);
  }

  /**
   * Copies of the weight values, in `weights` order.
   *
   * @example
   * const dense = bp.layers.dense({ units: 2, inputShape: [2], kernelInitializer: "ones" });
   * dense.apply(bp.ones([1, 2]));
   * dense.getWeights();   // => [[[1, 1], [1, 1]], [0, 0]]
   */
  getWeights(): Tensor[] {
    return this.weights.map((w) => copyTensor(w));
  }

  /**
   * Sets the weight values, in `weights` order; shapes must match.
   *
   * @example
   * const dense = bp.layers.dense({ units: 1, inputShape: [2] });
   * dense.apply(bp.ones([1, 2]));
   * dense.setWeights([bp.tensor([[2], [3]]), bp.tensor([1])]);
   * dense.apply(bp.tensor([[1, 1]]));   // => [[6]]
   */
  setWeights(values: readonly Tensor[]): void {
    const ws = this.weights;
    if (!Array.isArray(values) || values.length !== ws.length) {
      throw new ValueError(`${this.label}: setWeights expected ${ws.length} tensors (${ws.map((w) => w.name).join(", ")}), got ${Array.isArray(values) ? values.length : typeof values}`);
    }
    ws.forEach((w, i) => {
      const v = values[i]!;
      if (!(v instanceof Tensor) || v.shape.length !== w.shape.length || v.shape.some((d, j) => d !== w.shape[j])) {
        throw new ShapeError(`${this.label}: setWeights: weight "${w.name}" has shape ${fmtShape(w.shape)}, got ${v instanceof Tensor ? fmtShape(v.shape) : typeof v}`);
      }
    });
    ws.forEach((w, i) => w.assign(values[i]!));
  }

  /**
   * Options to rebuild the layer with its factory or layerFromConfig (JSON-serializable).
   *
   * @example
   * const config = bp.layers.dense({ units: 8, activation: "relu", name: "hidden" }).getConfig();
   * [config.name, config.units, config.activation];   // => ["hidden", 8, "relu"]
   */
  getConfig(): Record<string, unknown> {
    const config: Record<string, unknown> = { name: this.name, trainable: this.trainable_, dtype: this.dtype };
    if (this.batchInputShape) config.batchInputShape = [...this.batchInputShape];
    return config;
  }

  /**
   * Frees the weights.
   *
   * @example
   * const dense = bp.layers.dense({ units: 64, inputShape: [64] });
   * dense.apply(bp.ones([1, 64]));
   * dense.dispose();   // frees the weights' storage
   * dense.weights.every((w) => w.isDisposed);   // => true
   */
  dispose(): void {
    for (const r of this.records) r.variable.dispose();
  }
}
