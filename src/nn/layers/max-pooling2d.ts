/**
 * Max over poolSize windows of NHWC input (strides default to poolSize; "same" pads with -∞).
 *
 *   bp.layers.maxPooling2d({ poolSize: 2 }).apply(bp.ones([1, 4, 4, 3]));   // shape [1, 2, 2, 3]
 */
import type { Tensor } from "../../tensor/tensor.js";
import { registerLayer } from "./layer.js";
import { Pooling2D, type Pooling2DArgs } from "./pooling2d.js";

/**
 * Max pooling over 2-D windows of NHWC input.
 *
 * @example
 * const pool = new bp.layers.MaxPooling2D({ poolSize: 2 });
 * pool.apply(bp.tensor([[1, 2], [3, 4]]).reshape([1, 2, 2, 1])).reshape([1]);   // => [4]
 */
export class MaxPooling2D extends Pooling2D {
  static override className = "MaxPooling2D";

  call(x: Tensor): Tensor {
    return x.maxPool2d(this.poolOptions);
  }
}

/**
 * `bp.layers.maxPooling2d({ poolSize: 2, strides: 2, padding: "valid" })`.
 *
 * @example
 * bp.layers.maxPooling2d({ poolSize: [2, 2], strides: 2, padding: "valid" }).apply(bp.ones([1, 27, 27, 4])).shape;   // => [1, 13, 13, 4]
 */
export function maxPooling2d(args: Pooling2DArgs = {}): MaxPooling2D {
  return new MaxPooling2D(args);
}

registerLayer(MaxPooling2D);
