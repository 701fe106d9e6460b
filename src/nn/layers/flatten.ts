/**
 * Flattens every axis but the batch: [batch, h, w, c] → [batch, h·w·c].
 *
 *   bp.layers.flatten().apply(bp.ones([2, 3, 4]));   // shape [2, 12]
 */
import type { Tensor } from "../../tensor/tensor.js";
import { Layer, registerLayer, type LayerArgs, type Shape } from "./layer.js";
import * as opt from "./options.js";

/**
 * Options of flatten (the common layer options).
 *
 * @example
 * const args: bp.layers.FlattenArgs = { dataFormat: "channelsLast", name: "to_vector" };
 * bp.layers.flatten(args).name;   // => "to_vector"
 */
export interface FlattenArgs extends LayerArgs {
  /** Only "channelsLast". */
  dataFormat?: "channelsLast";
}

/**
 * Reshapes each sample to one axis: [batch, ...] → [batch, features].
 *
 * @example
 * new bp.layers.Flatten().apply(bp.ones([2, 4, 4, 3])).shape;   // => [2, 48]
 */
export class Flatten extends Layer {
  static override className = "Flatten";

  constructor(args: FlattenArgs = {}) {
    super(args);
    opt.channelsLast(this.label, opt.argsOf(args).dataFormat);
  }

  override build(_inputShape: Shape): void {
    this.inputSpec = { minNdim: 1 };
  }

  call(x: Tensor): Tensor {
    return x.reshape([x.shape[0]!, x.shape.slice(1).reduce((a, b) => a * b, 1)]);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return [inputShape[0] ?? null, opt.product(inputShape.slice(1))];
  }
}

/**
 * `bp.layers.flatten()`.
 *
 * @example
 * bp.layers.flatten().apply(bp.ones([5, 28, 28, 1])).shape;   // => [5, 784]
 */
export function flatten(args: FlattenArgs = {}): Flatten {
  return new Flatten(args);
}

registerLayer(Flatten);
