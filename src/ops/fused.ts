/**
 * Fused ops, as in TensorFlow.js's `tf.fused`: a matrix product or a convolution with its bias and
 * activation applied while the output is written — one pass over the output instead of three, and the
 * same values bit for bit as the separate ops. The dense and conv2d layers are built on them.
 *
 *   bp.fused.matmul({ a: x, b: w, bias: b, activation: "relu" });      // relu(x·w + b)
 *   bp.fused.conv2d({ x, filter, bias, activation: "relu", padding: "same" });
 */
import * as P from "../autograd/primitives/index.js";
import type { Epilogue } from "../backend/kernel-attrs.js";
import { fmtShape, ShapeError, ValueError } from "../errors.js";
import type { Tensor } from "../tensor/tensor.js";
import { checkTensor } from "./convert.js";
import { convAttrs, type Conv2dOptions } from "./image.js";

/**
 * Activations a fused op applies itself; any other is applied by the caller after a "linear" fused op.
 *
 * @example
 * const activation: bp.fused.FusedActivation = "relu";
 * bp.fused.matmul({ a: bp.tensor([[-1]]), b: bp.tensor([[1]]), activation });   // => [[0]]
 */
export type FusedActivation = "linear" | "relu";

/**
 * Arguments of bp.fused.matmul: the two matrices, transposes, optional bias and activation.
 *
 * @example
 * const args: bp.fused.FusedMatmulArgs = { a: bp.ones([2, 3]), b: bp.ones([4, 3]), transposeB: true, bias: bp.ones([4]) };
 * bp.fused.matmul(args);   // => [[4, 4, 4, 4], [4, 4, 4, 4]]
 */
export interface FusedMatmulArgs {
  a: Tensor;
  b: Tensor;
  transposeA?: boolean;
  transposeB?: boolean;
  /** Added to every row of the product: shape [n], n the product's last dimension. */
  bias?: Tensor;
  activation?: FusedActivation;
}

/**
 * Arguments of bp.fused.conv2d: input, filter, optional bias and activation, strides and padding.
 *
 * @example
 * const args: bp.fused.FusedConv2dArgs = { x: bp.ones([1, 8, 8, 3]), filter: bp.ones([3, 3, 3, 16]), strides: 2, padding: "same" };
 * bp.fused.conv2d(args).shape;   // => [1, 4, 4, 16]
 */
export interface FusedConv2dArgs extends Conv2dOptions {
  /** NHWC input. */
  x: Tensor;
  /** HWIO filter. */
  filter: Tensor;
  /** Added to every output pixel: shape [outChannels]. */
  bias?: Tensor;
  activation?: FusedActivation;
}

function epilogue(op: string, bias: Tensor | undefined, activation: FusedActivation | undefined): [Tensor[], Epilogue] {
  if (bias !== undefined) checkTensor(op, bias, "bias");
  if (activation !== undefined && activation !== "linear" && activation !== "relu") {
    throw new ValueError(`${op}: activation must be "linear" or "relu", got ${JSON.stringify(activation)}; apply other activations to a "linear" result`);
  }
  return [bias ? [bias] : [], activation === "relu" ? { activation: "relu" } : {}];
}

/**
 * act(op(a)·op(b) + bias) over the last two axes (batch axes broadcast, as matmul; both operands rank ≥ 2).
 *
 * @example
 * const x = bp.tensor([[1, -2]]);
 * const w = bp.tensor([[1, 0], [0, 1]]);
 * bp.fused.matmul({ a: x, b: w, bias: bp.tensor([0.5, 0.5]), activation: "relu" });   // => [[1.5, 0]]
 */
export function matmul({ a, b, transposeA = false, transposeB = false, bias, activation }: FusedMatmulArgs): Tensor {
  checkTensor("fused.matmul", a, "a");
  checkTensor("fused.matmul", b, "b");
  if (a.rank < 2 || b.rank < 2) {
    throw new ShapeError(`fused.matmul: operands must have rank ≥ 2, got ${fmtShape(a.shape)} x ${fmtShape(b.shape)}; reshape a vector to [1, n] or [n, 1]`);
  }
  const [extra, attrs] = epilogue("fused.matmul", bias, activation);
  return P.matmul([a, b, ...extra], { transposeA, transposeB, ...attrs });
}

/**
 * act(conv2d(x, filter) + bias), with conv2d's strides and padding.
 *
 * @example
 * const y = bp.fused.conv2d({ x: bp.ones([1, 4, 4, 1]), filter: bp.ones([3, 3, 1, 2]), bias: bp.tensor([0, -20]), activation: "relu", padding: "valid" });
 * y.reshape([-1]);   // => [9, 0, 9, 0, 9, 0, 9, 0]
 */
export function conv2d({ x, filter, bias, activation, ...options }: FusedConv2dArgs): Tensor {
  const conv = convAttrs("fused.conv2d", x, filter, options);
  const [extra, attrs] = epilogue("fused.conv2d", bias, activation);
  return P.conv2d([x, filter, ...extra], { ...conv, ...attrs });
}
