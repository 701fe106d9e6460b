/**
 * Dense (fully connected): y = activation(x · kernel + bias), kernel [in, units], acting on the last axis.
 *
 *   const layer = bp.layers.dense({ units: 3, activation: "relu", inputShape: [4] });
 *   layer.apply(bp.ones([2, 4]));   // shape [2, 3]
 */
import { ShapeError } from "../../errors.js";
import type { Tensor, Variable } from "../../tensor/tensor.js";
import * as fused from "../../ops/fused.js";
import { fusedActivation, type ActivationFn } from "../activations.js";
import type { Initializer } from "../initializers.js";
import type { Regularizer } from "../regularizers.js";
import { Layer, registerLayer, type LayerArgs, type Shape } from "./layer.js";
import * as opt from "./options.js";

/**
 * Options of dense, as in TensorFlow.js: units, activation, useBias, initializers, regularizers.
 *
 * @example
 * const args: bp.layers.DenseArgs = { units: 10, activation: "softmax", kernelRegularizer: bp.regularizers.l2({ l2: 1e-4 }) };
 * bp.layers.dense(args).apply(bp.ones([1, 5])).sum().item();   // => 1
 */
export interface DenseArgs extends LayerArgs {
  units: number;
  activation?: opt.ActivationSpec;
  useBias?: boolean;
  kernelInitializer?: opt.InitializerSpec;
  biasInitializer?: opt.InitializerSpec;
  kernelRegularizer?: opt.RegularizerSpec;
  biasRegularizer?: opt.RegularizerSpec;
}

/**
 * A fully connected layer: activation(x · kernel + bias).
 *
 * @example
 * const dense = new bp.layers.Dense({ units: 3, kernelInitializer: "ones" });
 * dense.apply(bp.tensor([[1, 2]]));   // => [[3, 3, 3]]
 * dense.countParams();   // => 9
 */
export class Dense extends Layer {
  static override className = "Dense";
  readonly units: number;
  readonly activation: ActivationFn;
  readonly useBias: boolean;
  readonly kernelInitializer: Initializer;
  readonly biasInitializer: Initializer;
  readonly kernelRegularizer: Regularizer | null;
  readonly biasRegularizer: Regularizer | null;
  kernel?: Variable;
  bias?: Variable;

  constructor(args: DenseArgs) {
    super(args);
    const l = this.label;
    args = opt.argsOf(args) as DenseArgs;
    this.units = opt.positiveInt(l, "units", args.units);
    this.activation = opt.activation(l, args.activation);
    this.useBias = opt.bool(l, "useBias", args.useBias, true);
    this.kernelInitializer = opt.initializer(l, args.kernelInitializer, "glorotUniform");
    this.biasInitializer = opt.initializer(l, args.biasInitializer, "zeros");
    this.kernelRegularizer = opt.regularizer(l, args.kernelRegularizer);
    this.biasRegularizer = opt.regularizer(l, args.biasRegularizer);
  }

  override build(inputShape: Shape): void {
    const inDim = inputShape[inputShape.length - 1];
    if (inputShape.length < 2 || inDim === null || inDim === undefined) {
      throw new ShapeError(`expected an input of rank 2 or more with a known last axis, got shape ${opt.fmtDims(inputShape)}`);
    }
    this.kernel = this.addWeight("kernel", [inDim, this.units], this.kernelInitializer, { regularizer: this.kernelRegularizer });
    if (this.useBias) this.bias = this.addWeight("bias", [this.units], this.biasInitializer, { regularizer: this.biasRegularizer });
    this.inputSpec = { minNdim: 2, axes: { [-1]: inDim } };
  }

  call(x: Tensor): Tensor {
    const kernel = this.kernel!;
    const inDim = kernel.shape[0]!;
    // bias and relu are fused into the product (one pass over the output)
    const act = fusedActivation(this.activation);
    const x2 = x.rank === 2 ? x : x.reshape([-1, inDim]);
    let y = fused.matmul({ a: x2, b: kernel, bias: this.bias, activation: act ?? "linear" });
    if (x.rank !== 2) y = y.reshape([...x.shape.slice(0, -1), this.units]);
    return act ? y : this.activation(y);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return [...inputShape.slice(0, -1), this.units];
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      units: this.units,
      activation: opt.activationName(this.activation),
      useBias: this.useBias,
      kernelInitializer: opt.serializeInitializer(this.kernelInitializer),
      biasInitializer: opt.serializeInitializer(this.biasInitializer),
      kernelRegularizer: opt.serializeRegularizer(this.kernelRegularizer),
      biasRegularizer: opt.serializeRegularizer(this.biasRegularizer),
    };
  }
}

/**
 * A fully connected layer: `bp.layers.dense({ units: 10, activation: "softmax" })`.
 *
 * @example
 * const layer = bp.layers.dense({ units: 128, activation: "relu", inputShape: [784] });
 * layer.apply(bp.ones([32, 784])).shape;   // => [32, 128]
 */
export function dense(args: DenseArgs): Dense {
  return new Dense(args);
}

registerLayer(Dense);
