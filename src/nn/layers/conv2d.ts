/**
 * 2-D convolution on NHWC input with an HWIO kernel [kh, kw, in, filters] (Keras layout), TensorFlow's
 * "valid" / "same" padding.
 *
 *   bp.layers.conv2d({ filters: 8, kernelSize: 3, activation: "relu", inputShape: [28, 28, 1] });
 */
import { ShapeError, ValueError } from "../../errors.js";
import type { Tensor, Variable } from "../../tensor/tensor.js";
import * as fused from "../../ops/fused.js";
import { fusedActivation, type ActivationFn } from "../activations.js";
import type { Initializer } from "../initializers.js";
import type { Regularizer } from "../regularizers.js";
import { Layer, registerLayer, type LayerArgs, type Shape } from "./layer.js";
import * as opt from "./options.js";

/**
 * Options of conv2d, as in TensorFlow.js: filters, kernelSize, strides, padding, activation, initializers.
 *
 * @example
 * const args: bp.layers.Conv2DArgs = { filters: 32, kernelSize: [5, 5], strides: 2, padding: "same", kernelInitializer: "heNormal" };
 * bp.layers.conv2d(args).apply(bp.ones([1, 28, 28, 3])).shape;   // => [1, 14, 14, 32]
 */
export interface Conv2DArgs extends LayerArgs {
  filters: number;
  kernelSize: number | [number, number];
  strides?: number | [number, number];
  padding?: "valid" | "same";
  /** Only "channelsLast" (NHWC). */
  dataFormat?: "channelsLast";
  /** Only 1. */
  dilationRate?: number | [number, number];
  activation?: opt.ActivationSpec;
  useBias?: boolean;
  kernelInitializer?: opt.InitializerSpec;
  biasInitializer?: opt.InitializerSpec;
  kernelRegularizer?: opt.RegularizerSpec;
  biasRegularizer?: opt.RegularizerSpec;
}

/**
 * A 2-D convolution over NHWC input with an HWIO kernel, bias and activation.
 *
 * @example
 * const conv = new bp.layers.Conv2D({ filters: 16, kernelSize: 3, padding: "same", activation: "relu" });
 * conv.apply(bp.ones([2, 28, 28, 1])).shape;   // => [2, 28, 28, 16]
 * conv.countParams();   // => 160
 */
export class Conv2D extends Layer {
  static override className = "Conv2D";
  readonly filters: number;
  readonly kernelSize: [number, number];
  readonly strides: [number, number];
  readonly padding: "valid" | "same";
  readonly activation: ActivationFn;
  readonly useBias: boolean;
  readonly kernelInitializer: Initializer;
  readonly biasInitializer: Initializer;
  readonly kernelRegularizer: Regularizer | null;
  readonly biasRegularizer: Regularizer | null;
  kernel?: Variable;
  bias?: Variable;

  constructor(args: Conv2DArgs) {
    super(args);
    const l = this.label;
    args = opt.argsOf(args) as Conv2DArgs;
    this.filters = opt.positiveInt(l, "filters", args.filters);
    this.kernelSize = opt.pair(l, "kernelSize", args.kernelSize);
    this.strides = opt.pair(l, "strides", args.strides, [1, 1]);
    this.padding = opt.padding(l, args.padding);
    opt.channelsLast(l, args.dataFormat);
    const dil = opt.pair(l, "dilationRate", args.dilationRate, [1, 1]);
    if (dil[0] !== 1 || dil[1] !== 1) throw new ValueError(`${l}: dilationRate other than 1 is not supported, got ${JSON.stringify(args.dilationRate)}`);
    this.activation = opt.activation(l, args.activation);
    this.useBias = opt.bool(l, "useBias", args.useBias, true);
    this.kernelInitializer = opt.initializer(l, args.kernelInitializer, "glorotUniform");
    this.biasInitializer = opt.initializer(l, args.biasInitializer, "zeros");
    this.kernelRegularizer = opt.regularizer(l, args.kernelRegularizer);
    this.biasRegularizer = opt.regularizer(l, args.biasRegularizer);
  }

  override build(inputShape: Shape): void {
    const inC = inputShape[3];
    if (inputShape.length !== 4 || inC === null || inC === undefined) {
      throw new ShapeError(`expected an input of rank 4 [batch, height, width, channels] with known channels, got shape ${opt.fmtDims(inputShape)}`);
    }
    const [kh, kw] = this.kernelSize;
    this.kernel = this.addWeight("kernel", [kh, kw, inC, this.filters], this.kernelInitializer, { regularizer: this.kernelRegularizer });
    if (this.useBias) this.bias = this.addWeight("bias", [this.filters], this.biasInitializer, { regularizer: this.biasRegularizer });
    this.inputSpec = { ndim: 4, axes: { [-1]: inC }, hint: "(NHWC: [batch, height, width, channels])" };
  }

  call(x: Tensor): Tensor {
    // bias and relu are fused into the convolution (one pass over the output)
    const act = fusedActivation(this.activation);
    const y = fused.conv2d({ x, filter: this.kernel!, bias: this.bias, activation: act ?? "linear", strides: this.strides, padding: this.padding });
    return act ? y : this.activation(y);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    const [b, h, w] = inputShape;
    return [
      b ?? null,
      opt.convOutSize(h ?? null, this.kernelSize[0], this.strides[0], this.padding),
      opt.convOutSize(w ?? null, this.kernelSize[1], this.strides[1], this.padding),
      this.filters,
    ];
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      filters: this.filters,
      kernelSize: [...this.kernelSize],
      strides: [...this.strides],
      padding: this.padding,
      dataFormat: "channelsLast",
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
 * A 2-D convolution layer: `bp.layers.conv2d({ filters: 16, kernelSize: 5, padding: "same" })`.
 *
 * @example
 * const model = bp.sequential([
 *   bp.layers.conv2d({ filters: 8, kernelSize: 3, activation: "relu", inputShape: [28, 28, 1] }),
 *   bp.layers.maxPooling2d({ poolSize: 2 }),
 *   bp.layers.flatten(),
 *   bp.layers.dense({ units: 10, activation: "softmax" }),
 * ]);
 * model.predict(bp.ones([1, 28, 28, 1])).shape;   // => [1, 10]
 */
export function conv2d(args: Conv2DArgs): Conv2D {
  return new Conv2D(args);
}

registerLayer(Conv2D);
