/**
 * The kernel contract: every primitive that a backend must implement, with the attributes its
 * kernel receives. A backend's kernel table is typed `{ [P in KernelName]: Kernel<S, KernelAttrs[P]> }`,
 * so a missing kernel fails the type check, not a test at run time.
 *
 * Shape bookkeeping (validation, output shape, broadcasting rules, padding arithmetic) happens in
 * the primitive before the kernel is called; kernels receive validated, resolved attributes.
 */
import type { DType } from "./dtype.js";

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type NoAttrs = {};

/** Explicit padding in pixels, resolved from "valid" / "same" by the op. */
export interface Pads2d {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export interface Conv2dAttrs {
  strides: [number, number];
  pads: Pads2d;
}

export interface Pool2dAttrs {
  poolSize: [number, number];
  strides: [number, number];
  pads: Pads2d;
}

/**
 * A fused epilogue of matmul and conv2d: an optional bias (a third input of shape [n], added along
 * the output's last axis) and then an optional activation, applied while the output is being written
 * instead of as separate passes over it. Absent: the plain product.
 */
export interface Epilogue {
  activation?: "relu";
}

/**
 * A primitive may declare its kernel's attributes in its own file instead, by augmenting this
 * interface (see src/autograd/primitives/relu.ts):
 *
 *   declare module "../../backend/kernel-attrs.js" {
 *     interface KernelAttrs { relu: NoAttrs }
 *   }
 */
export interface KernelAttrs {
  // element-wise, one input
  neg: NoAttrs;
  exp: NoAttrs;
  log: NoAttrs;
  log1p: NoAttrs;
  sqrt: NoAttrs;
  abs: NoAttrs;
  sign: NoAttrs;
  sigmoid: NoAttrs;
  tanh: NoAttrs;
  sin: NoAttrs;
  cos: NoAttrs;
  floor: NoAttrs;
  cast: { dtype: DType };
  // element-wise, two inputs, NumPy broadcasting (the output shape is the broadcast shape)
  add: NoAttrs;
  sub: NoAttrs;
  mul: NoAttrs;
  div: NoAttrs;
  pow: NoAttrs;
  maximum: NoAttrs;
  minimum: NoAttrs;
  equal: NoAttrs;
  notEqual: NoAttrs;
  greater: NoAttrs;
  greaterEqual: NoAttrs;
  less: NoAttrs;
  lessEqual: NoAttrs;
  // three inputs (cond, a, b), broadcasting
  where: NoAttrs;
  // reductions over sorted, distinct axes; the output drops the reduced axes
  sum: { axes: number[] };
  max: { axes: number[] };
  min: { axes: number[] };
  argmax: { axis: number };
  argmin: { axis: number };
  /** x − log Σ e^x along one axis, shifted by the (finite) maximum for stability. */
  logSoftmax: { axis: number };
  /**
   * inputs [z, y] of one shape: per row of the last axis, Σ y·(lse − z) with lse = log Σ e^z — the
   * categorical cross-entropy of softmax(z) against y, without forming the probabilities.
   */
  softmaxCrossEntropy: NoAttrs;
  /** inputs [z, y, g] (g: one value per row): (softmax(z)·Σy − y)·g, the gradient of softmaxCrossEntropy in z. */
  softmaxCrossEntropyGrad: NoAttrs;
  // data movement
  transpose: { perm: number[] };
  broadcastTo: { shape: number[] };
  slice: { begin: number[]; size: number[] };
  pad: { paddings: [number, number][]; value: number };
  concat: { axis: number };
  gather: { axis: number };
  /** Adds rows of `updates` into a zero tensor of `shape` at `indices` along `axis` (the transpose of gather). */
  scatterAdd: { axis: number; shape: number[] };
  // linear algebra and images
  /**
   * Batched matrix product with broadcast batch dims; operands may be read transposed. A third
   * input is a bias [n] added to every row, then the epilogue's activation.
   */
  matmul: { transposeA: boolean; transposeB: boolean } & Epilogue;
  /** inputs [x, filter] or [x, filter, bias [cout]], then the epilogue's activation. */
  conv2d: Conv2dAttrs & Epilogue;
  conv2dBackpropInput: Conv2dAttrs & { inputShape: number[] };
  conv2dBackpropFilter: Conv2dAttrs & { filterShape: number[] };
  maxPool2d: Pool2dAttrs;
  /** Routes dy to the arg-max cell of each window of x (first max wins on ties). */
  maxPool2dGrad: Pool2dAttrs;
  /** Picks, for each window of x, the value of g at the window's arg-max cell: the transpose of maxPool2dGrad. */
  maxPool2dSelect: Pool2dAttrs;
  avgPool2d: Pool2dAttrs;
  avgPool2dGrad: Pool2dAttrs & { inputShape: number[] };
}

export type KernelName = keyof KernelAttrs;
