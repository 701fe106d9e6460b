/**
 * Mean over poolSize windows of NHWC input (strides default to poolSize; with "same" padding only
 * the real cells of a window are averaged, as in TensorFlow).
 *
 *   bp.layers.averagePooling2d({ poolSize: 2 }).apply(bp.ones([1, 4, 4, 3]));   // shape [1, 2, 2, 3]
 */
import type { Tensor } from "../../tensor/tensor.js";
import { registerLayer } from "./layer.js";
import { Pooling2D, type Pooling2DArgs } from "./pooling2d.js";

/**
 * Average pooling over 2-D windows of NHWC input.
 *
 * @example
 * const pool = new bp.layers.AveragePooling2D({ poolSize: 2 });
 * pool.apply(bp.tensor([[1, 2], [3, 4]]).reshape([1, 2, 2, 1])).reshape([1]);   // => [2.5]
 */
export class AveragePooling2D extends Pooling2D {
  static override className = "AveragePooling2D";

  call(x: Tensor): Tensor {
    return x.avgPool2d(this.poolOptions);
  }
}

/**
 * `bp.layers.averagePooling2d({ poolSize: 2, strides: 2, padding: "valid" })`.
 *
 * @example
 * bp.layers.averagePooling2d({ poolSize: 2, strides: 2 }).apply(bp.ones([1, 28, 28, 8])).shape;   // => [1, 14, 14, 8]
 */
export function averagePooling2d(args: Pooling2DArgs = {}): AveragePooling2D {
  return new AveragePooling2D(args);
}

registerLayer(AveragePooling2D);
