/**
 * Maxout (Goodfellow et al., 2013): each of `units` outputs is the max of `pieces` linear functions
 * of the input, y_j = max_p (x · W[:, j·pieces + p] + b[j·pieces + p]). It is a dense layer with
 * units·pieces outputs followed by a max over each group of `pieces` consecutive outputs (the
 * grouping of TensorFlow Addons' Maxout), so kernel is [in, units·pieces] and bias [units·pieces].
 * With pieces 2 and one piece pinned to zero it is a ReLU unit; it learns its own activation.
 *
 *   bp.layers.maxout({ units: 4, pieces: 3, inputShape: [8] }).apply(bp.ones([2, 8]));   // shape [2, 4]
 */
import { ShapeError } from "../../errors.js";
import type { Tensor, Variable } from "../../tensor/tensor.js";
import type { Initializer } from "../initializers.js";
import type { Regularizer } from "../regularizers.js";
import { Layer, registerLayer, type LayerArgs, type Shape } from "./layer.js";
import * as opt from "./options.js";

/**
 * Options of maxout: units, pieces per unit, initializers and regularizers.
 *
 * @example
 * const args: bp.layers.MaxoutArgs = { units: 2, pieces: 4, useBias: false };
 * bp.layers.maxout(args).apply(bp.ones([1, 3])).shape;   // => [1, 2]
 */
export interface MaxoutArgs extends LayerArgs {
  units: number;
  /** Linear pieces per unit (default 2). */
  pieces?: number;
  useBias?: boolean;
  kernelInitializer?: opt.InitializerSpec;
  biasInitializer?: opt.InitializerSpec;
  kernelRegularizer?: opt.RegularizerSpec;
  biasRegularizer?: opt.RegularizerSpec;
}

/**
 * The maximum over groups of linear units (Goodfellow et al.'s maxout).
 *
 * @example
 * const maxout = new bp.layers.Maxout({ units: 4, pieces: 3 });
 * maxout.apply(bp.ones([2, 10])).shape;   // => [2, 4]
 */
export class Maxout extends Layer {
  static override className = "Maxout";
  readonly units: number;
  readonly pieces: number;
  readonly useBias: boolean;
  readonly kernelInitializer: Initializer;
  readonly biasInitializer: Initializer;
  readonly kernelRegularizer: Regularizer | null;
  readonly biasRegularizer: Regularizer | null;
  kernel?: Variable;
  bias?: Variable;

  constructor(args: MaxoutArgs) {
    super(args);
    const l = this.label;
    args = opt.argsOf(args) as MaxoutArgs;
    this.units = opt.positiveInt(l, "units", args.units);
    this.pieces = opt.positiveInt(l, "pieces", args.pieces ?? 2);
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
    const n = this.units * this.pieces;
    this.kernel = this.addWeight("kernel", [inDim, n], this.kernelInitializer, { regularizer: this.kernelRegularizer });
    if (this.useBias) this.bias = this.addWeight("bias", [n], this.biasInitializer, { regularizer: this.biasRegularizer });
    this.inputSpec = { minNdim: 2, axes: { [-1]: inDim } };
  }

  call(x: Tensor): Tensor {
    const kernel = this.kernel!;
    const lead = x.shape.slice(0, -1);
    let z = x.reshape([-1, kernel.shape[0]!]).matmul(kernel);
    if (this.bias) z = z.add(this.bias);
    return z.reshape([-1, this.units, this.pieces]).max(-1).reshape([...lead, this.units]);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return [...inputShape.slice(0, -1), this.units];
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      units: this.units,
      pieces: this.pieces,
      useBias: this.useBias,
      kernelInitializer: opt.serializeInitializer(this.kernelInitializer),
      biasInitializer: opt.serializeInitializer(this.biasInitializer),
      kernelRegularizer: opt.serializeRegularizer(this.kernelRegularizer),
      biasRegularizer: opt.serializeRegularizer(this.biasRegularizer),
    };
  }
}

/**
 * `bp.layers.maxout({ units: 16, pieces: 2 })`.
 *
 * @example
 * const layer = bp.layers.maxout({ units: 16, inputShape: [8] });   // each unit: the max of 2 linear pieces
 * layer.apply(bp.ones([1, 8])).shape;   // => [1, 16]
 */
export function maxout(args: MaxoutArgs): Maxout {
  return new Maxout(args);
}

registerLayer(Maxout);
