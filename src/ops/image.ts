/** Image ops on NHWC tensors: conv2d (HWIO filters), maxPool2d, avgPool2d, with TensorFlow's padding. */
import * as P from "../autograd/primitives/index.js";
import type { Conv2dAttrs, Pads2d } from "../backend/kernel-attrs.js";
import { fmtShape, ShapeError, ValueError } from "../errors.js";
import type { Tensor } from "../tensor/tensor.js";
import { checkTensor } from "./convert.js";

/**
 * "valid" (no padding: the output shrinks) or "same" (zero padding: the output keeps size / stride).
 *
 * @example
 * const padding: bp.Padding = "same";   // the output keeps the input's size (stride 1)
 * bp.maxPool2d(bp.ones([1, 5, 5, 1]), { poolSize: 2, strides: 1, padding }).shape;   // => [1, 5, 5, 1]
 */
export type Padding = "valid" | "same";

function pair(op: string, name: string, v: number | readonly number[] | undefined, dflt: number): [number, number] {
  const p = v === undefined ? [dflt, dflt] : typeof v === "number" ? [v, v] : [...v];
  if (p.length !== 2 || p.some((x) => !Number.isInteger(x) || (x as number) < 1)) {
    throw new ValueError(`${op}: ${name} must be a positive integer or a pair of them, got ${JSON.stringify(v)}`);
  }
  return p as [number, number];
}

/**
 * TensorFlow's rule: "same" pads so that out = ceil(in / stride), the odd pixel going bottom / right.
 *
 * @example
 * bp.resolvePads("conv2d", "same", 28, 28, [3, 3], [1, 1]);   // => { top: 1, bottom: 1, left: 1, right: 1 }
 */
export function resolvePads(op: string, padding: Padding | undefined, inH: number, inW: number, k: [number, number], s: [number, number]): Pads2d {
  const mode = padding ?? "valid";
  if (mode === "valid") {
    if (inH < k[0] || inW < k[1]) throw new ShapeError(`${op}: window ${k[0]}x${k[1]} is larger than the input ${inH}x${inW} with padding "valid"`);
    return { top: 0, bottom: 0, left: 0, right: 0 };
  }
  if (mode !== "same") throw new ValueError(`${op}: padding must be "valid" or "same", got ${JSON.stringify(padding)}`);
  const total = (n: number, kk: number, ss: number): number => Math.max((Math.ceil(n / ss) - 1) * ss + kk - n, 0);
  const th = total(inH, k[0], s[0]);
  const tw = total(inW, k[1], s[1]);
  return { top: Math.floor(th / 2), bottom: th - Math.floor(th / 2), left: Math.floor(tw / 2), right: tw - Math.floor(tw / 2) };
}

/**
 * Strides, padding and dilation of bp.conv2d.
 *
 * @example
 * const options: bp.Conv2dOptions = { strides: [2, 2], padding: "same" };
 * bp.conv2d(bp.ones([1, 28, 28, 1]), bp.ones([3, 3, 1, 4]), options).shape;   // => [1, 14, 14, 4]
 */
export interface Conv2dOptions {
  strides?: number | [number, number];
  padding?: Padding;
}

/**
 * 2-D convolution: x [batch, height, width, inChannels], filter [kh, kw, inChannels, outChannels].
 *
 * @example
 * const image = bp.rand([1, 28, 28, 1], { seed: 1 });        // NHWC
 * const edge = bp.tensor([[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]]).reshape([3, 3, 1, 1]);   // HWIO
 * bp.conv2d(image, edge, { strides: 1, padding: "same" }).shape;   // => [1, 28, 28, 1]
 * bp.conv2d(image, edge, { strides: 2, padding: "valid" }).shape;   // => [1, 13, 13, 1]
 */
export function conv2d(x: Tensor, filter: Tensor, options: Conv2dOptions = {}): Tensor {
  return P.conv2d([x, filter], convAttrs("conv2d", x, filter, options));
}

/**
 * Validates a convolution's operands and resolves its strides and padding (for conv2d and fused.conv2d).
 *
 * @example
 * const attrs = bp.convAttrs("conv2d", bp.ones([1, 28, 28, 1]), bp.ones([5, 5, 1, 8]), { strides: 1, padding: "valid" });
 * attrs.strides;   // => [1, 1]
 */
export function convAttrs(op: string, x: Tensor, filter: Tensor, options: Conv2dOptions): Conv2dAttrs {
  checkTensor(op, x);
  checkTensor(op, filter, "filter");
  if (x.rank !== 4) throw new ShapeError(`${op}: input must be rank 4 (NHWC), got ${fmtShape(x.shape)}`);
  if (filter.rank !== 4) throw new ShapeError(`${op}: filter must be rank 4 (HWIO), got ${fmtShape(filter.shape)}`);
  const strides = pair(op, "strides", options.strides, 1);
  const pads = resolvePads(op, options.padding, x.shape[1] as number, x.shape[2] as number, [filter.shape[0] as number, filter.shape[1] as number], strides);
  return { strides, pads };
}

/**
 * Window size, strides and padding of bp.maxPool2d and bp.avgPool2d.
 *
 * @example
 * const options: bp.Pool2dOptions = { poolSize: 3, strides: 2, padding: "valid" };
 * bp.avgPool2d(bp.ones([1, 7, 7, 2]), options).shape;   // => [1, 3, 3, 2]
 */
export interface Pool2dOptions {
  poolSize?: number | [number, number];
  strides?: number | [number, number];
  padding?: Padding;
}

function poolAttrs(op: string, x: Tensor, options: Pool2dOptions) {
  checkTensor(op, x);
  if (x.rank !== 4) throw new ShapeError(`${op}: input must be rank 4 (NHWC), got ${fmtShape(x.shape)}`);
  const poolSize = pair(op, "poolSize", options.poolSize, 2);
  const strides = options.strides === undefined ? poolSize : pair(op, "strides", options.strides, 1);
  const pads = resolvePads(op, options.padding, x.shape[1] as number, x.shape[2] as number, poolSize, strides);
  return { poolSize, strides, pads };
}

/**
 * Max over poolSize windows (default 2×2, strides = poolSize).
 *
 * @example
 * const x = bp.tensor([[1, 2], [3, 4]]).reshape([1, 2, 2, 1]);
 * bp.maxPool2d(x, { poolSize: 2 }).reshape([1]);   // => [4]
 * bp.maxPool2d(bp.ones([1, 28, 28, 8]), { poolSize: 2, strides: 2 }).shape;   // => [1, 14, 14, 8]
 */
export function maxPool2d(x: Tensor, options: Pool2dOptions = {}): Tensor {
  return P.maxPool2d([x], poolAttrs("maxPool2d", x, options));
}

/**
 * Mean over poolSize windows; with "same" padding the padded cells are not counted (as in TensorFlow).
 *
 * @example
 * const x = bp.tensor([[1, 2], [3, 4]]).reshape([1, 2, 2, 1]);
 * bp.avgPool2d(x, { poolSize: 2 }).reshape([1]);   // => [2.5]
 */
export function avgPool2d(x: Tensor, options: Pool2dOptions = {}): Tensor {
  return P.avgPool2d([x], poolAttrs("avgPool2d", x, options));
}
