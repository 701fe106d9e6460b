/**
 * Tensor methods, generated from this table: `a.add(b)` is `bp.add(a, b)`. Adding an op here is all
 * it takes to give it a method form (its type follows from the function's signature).
 */
import { Tensor } from "../tensor/tensor.js";
import * as act from "./activation.js";
import * as arith from "./arithmetic.js";
import * as img from "./image.js";
import * as la from "./linalg.js";
import * as red from "./reduction.js";
import * as sh from "./shape-ops.js";

export const methodTable = {
  /** `x.add(…)` is bp.add(x, …). @example bp.tensor([1, 2]).add(10);   // => [11, 12] */
  add: arith.add,
  /** `x.sub(…)` is bp.sub(x, …). @example bp.tensor([5, 7]).sub(bp.tensor([1, 2]));   // => [4, 5] */
  sub: arith.sub,
  /** `x.mul(…)` is bp.mul(x, …). @example bp.tensor([1, 2, 3]).mul(2);   // => [2, 4, 6] */
  mul: arith.mul,
  /** `x.div(…)` is bp.div(x, …). @example bp.tensor([1, 3]).div(2);   // => [0.5, 1.5] */
  div: arith.div,
  /** `x.pow(…)` is bp.pow(x, …). @example bp.tensor([2, 3]).pow(2);   // => [4, 9] */
  pow: arith.pow,
  /** `x.maximum(…)` is bp.maximum(x, …). @example bp.tensor([-1, 2]).maximum(0);   // => [0, 2] */
  maximum: arith.maximum,
  /** `x.minimum(…)` is bp.minimum(x, …). @example bp.tensor([-1, 2]).minimum(0);   // => [-1, 0] */
  minimum: arith.minimum,
  /** `x.squaredDifference(…)` is bp.squaredDifference(x, …). @example bp.tensor([1, 5]).squaredDifference(bp.tensor([3, 5]));   // => [4, 0] */
  squaredDifference: arith.squaredDifference,
  /** `x.equal(…)` is bp.equal(x, …). @example bp.tensor([1, 2]).equal(2);   // => [0, 1] */
  equal: arith.equal,
  /** `x.notEqual(…)` is bp.notEqual(x, …). @example bp.tensor([1, 2]).notEqual(2);   // => [1, 0] */
  notEqual: arith.notEqual,
  /** `x.greater(…)` is bp.greater(x, …). @example bp.tensor([1, 2, 3]).greater(2);   // => [0, 0, 1] */
  greater: arith.greater,
  /** `x.greaterEqual(…)` is bp.greaterEqual(x, …). @example bp.tensor([1, 2, 3]).greaterEqual(2);   // => [0, 1, 1] */
  greaterEqual: arith.greaterEqual,
  /** `x.less(…)` is bp.less(x, …). @example bp.tensor([1, 2, 3]).less(2);   // => [1, 0, 0] */
  less: arith.less,
  /** `x.lessEqual(…)` is bp.lessEqual(x, …). @example bp.tensor([1, 2, 3]).lessEqual(2);   // => [1, 1, 0] */
  lessEqual: arith.lessEqual,
  /** `x.neg(…)` is bp.neg(x, …). @example bp.tensor([1, -2]).neg();   // => [-1, 2] */
  neg: arith.neg,
  /** `x.exp(…)` is bp.exp(x, …). @example bp.tensor([0]).exp();   // => [1] */
  exp: arith.exp,
  /** `x.log(…)` is bp.log(x, …). @example bp.tensor([1]).log();   // => [0] */
  log: arith.log,
  /** `x.log1p(…)` is bp.log1p(x, …). @example bp.tensor([0]).log1p();   // => [0] */
  log1p: arith.log1p,
  /** `x.sqrt(…)` is bp.sqrt(x, …). @example bp.tensor([4, 9]).sqrt();   // => [2, 3] */
  sqrt: arith.sqrt,
  /** `x.erf(…)` is bp.erf(x, …). @example bp.tensor([0, 1]).erf();   // => [0, 0.8427008] */
  erf: arith.erf,
  /** `x.abs(…)` is bp.abs(x, …). @example bp.tensor([-1.5, 2]).abs();   // => [1.5, 2] */
  abs: arith.abs,
  /** `x.sign(…)` is bp.sign(x, …). @example bp.tensor([-3, 0, 2]).sign();   // => [-1, 0, 1] */
  sign: arith.sign,
  /** `x.sin(…)` is bp.sin(x, …). @example bp.tensor([0]).sin();   // => [0] */
  sin: arith.sin,
  /** `x.cos(…)` is bp.cos(x, …). @example bp.tensor([0]).cos();   // => [1] */
  cos: arith.cos,
  /** `x.floor(…)` is bp.floor(x, …). @example bp.tensor([1.7, -1.2]).floor();   // => [1, -2] */
  floor: arith.floor,
  /** `x.square(…)` is bp.square(x, …). @example bp.tensor([-2, 3]).square();   // => [4, 9] */
  square: arith.square,
  /** `x.reciprocal(…)` is bp.reciprocal(x, …). @example bp.tensor([2, 4]).reciprocal();   // => [0.5, 0.25] */
  reciprocal: arith.reciprocal,
  /** `x.expm1(…)` is bp.expm1(x, …). @example bp.tensor([0]).expm1();   // => [0] */
  expm1: arith.expm1,
  /** `x.rsqrt(…)` is bp.rsqrt(x, …). @example bp.tensor([4]).rsqrt();   // => [0.5] */
  rsqrt: arith.rsqrt,
  /** `x.clip(…)` is bp.clip(x, …). @example bp.tensor([-5, 0.5, 5]).clip(0, 1);   // => [0, 0.5, 1] */
  clip: arith.clip,
  /** `x.isFinite(…)` is bp.isFinite(x, …). @example bp.tensor([1, Infinity]).isFinite();   // => [1, 0] */
  isFinite: arith.isFinite,
  /** `x.isNaN(…)` is bp.isNaN(x, …). @example bp.tensor([1, NaN]).isNaN();   // => [0, 1] */
  isNaN: arith.isNaN,
  /** `x.sum(…)` is bp.sum(x, …). @example bp.tensor([[1, 2], [3, 4]]).sum(1);   // => [3, 7] */
  sum: red.sum,
  /** `x.mean(…)` is bp.mean(x, …). @example bp.tensor([[1, 2], [3, 4]]).mean(0);   // => [2, 3] */
  mean: red.mean,
  /** `x.max(…)` is bp.max(x, …). @example bp.tensor([[1, 5], [7, 2]]).max(1);   // => [5, 7] */
  max: red.max,
  /** `x.min(…)` is bp.min(x, …). @example bp.tensor([[1, 5], [7, 2]]).min(1, true);   // => [[1], [2]] */
  min: red.min,
  /** `x.argmax(…)` is bp.argmax(x, …). @example bp.tensor([[0.1, 0.9], [0.8, 0.2]]).argmax(1);   // => [1, 0] */
  argmax: red.argmax,
  /** `x.argmin(…)` is bp.argmin(x, …). @example bp.tensor([3, 1, 2]).argmin();   // => 1 */
  argmin: red.argmin,
  /** `x.logSumExp(…)` is bp.logSumExp(x, …). @example bp.tensor([0, 0]).logSumExp().item();   // => 0.6931472 */
  logSumExp: red.logSumExp,
  /** `x.variance(…)` is bp.variance(x, …). @example bp.tensor([1, 2, 3, 4]).variance().item();   // => 1.25 */
  variance: red.variance,
  /** `x.reshape(…)` is bp.reshape(x, …). @example bp.arange(0, 6).reshape([2, 3]).shape;   // => [2, 3] */
  reshape: sh.reshape,
  /** `x.flatten(…)` is bp.flatten(x, …). @example bp.ones([2, 3]).flatten().shape;   // => [6] */
  flatten: sh.flatten,
  /** `x.expandDims(…)` is bp.expandDims(x, …). @example bp.tensor([1, 2]).expandDims(0);   // => [[1, 2]] */
  expandDims: sh.expandDims,
  /** `x.squeeze(…)` is bp.squeeze(x, …). @example bp.ones([1, 3, 1]).squeeze().shape;   // => [3] */
  squeeze: sh.squeeze,
  /** `x.transpose(…)` is bp.transpose(x, …). @example bp.tensor([[1, 2, 3]]).transpose();   // => [[1], [2], [3]] */
  transpose: sh.transpose,
  /** `x.broadcastTo(…)` is bp.broadcastTo(x, …). @example bp.tensor([1, 2]).broadcastTo([2, 2]);   // => [[1, 2], [1, 2]] */
  broadcastTo: sh.broadcastTo,
  /** `x.sumTo(…)` is bp.sumTo(x, …). @example bp.ones([3, 2]).sumTo([2]);   // => [3, 3] */
  sumTo: sh.sumTo,
  /** `x.concat(y)` is bp.concat([x, y]); also `x.concat([y, z], axis)`. @example bp.tensor([1, 2]).concat(bp.tensor([3]));   // => [1, 2, 3] */
  concat: (x: Tensor, others: Tensor | readonly Tensor[], axis = 0): Tensor =>
    sh.concat([x, ...(others instanceof Tensor ? [others] : others)], axis),
  /** `x.unstack(…)` is bp.unstack(x, …). @example bp.tensor([[1, 2], [3, 4]]).unstack().map((row) => row.sum().item());   // => [3, 7] */
  unstack: sh.unstack,
  /** `x.split(…)` is bp.split(x, …). @example bp.arange(0, 4).split(2).map((part) => part.toArray());   // => [[0, 1], [2, 3]] */
  split: sh.split,
  /** `x.slice(…)` is bp.slice(x, …). @example bp.tensor([[1, 2, 3], [4, 5, 6]]).slice([0, 1], [2, 1]);   // => [[2], [5]] */
  slice: sh.slice,
  /** `x.pad(…)` is bp.pad(x, …). @example bp.tensor([1, 2]).pad([[1, 1]]);   // => [0, 1, 2, 0] */
  pad: sh.pad,
  /** `x.gather(…)` is bp.gather(x, …). @example bp.tensor([10, 20, 30]).gather([2, 0]);   // => [30, 10] */
  gather: sh.gather,
  /** `x.scatterAdd(…)` is bp.scatterAdd(x, …). @example bp.tensor([1, 2]).scatterAdd([1, 1], 0, [3]);   // => [0, 3, 0] */
  scatterAdd: sh.scatterAdd,
  /** `x.where(…)` is bp.where(x, …). @example bp.tensor([1, 0]).where(bp.tensor([5, 6]), bp.tensor([7, 8]));   // => [5, 8] */
  where: sh.where,
  /** `x.oneHot(…)` is bp.oneHot(x, …). @example bp.tensor([2, 0], undefined, "int32").oneHot(3);   // => [[0, 0, 1], [1, 0, 0]] */
  oneHot: sh.oneHot,
  /** `x.cast(…)` is bp.cast(x, …). @example bp.tensor([1.7]).cast("int32").dtype;   // => "int32" */
  cast: sh.cast,
  /** `x.tile(…)` is bp.tile(x, …). @example bp.tensor([1, 2]).tile([2]);   // => [1, 2, 1, 2] */
  tile: sh.tile,
  /** `x.stopGradient(…)` is bp.stopGradient(x, …). @example bp.grad((x) => x.mul(x.stopGradient()).sum())(bp.tensor([3]));   // => [3] */
  stopGradient: sh.stopGradient,
  /** `x.matmul(…)` is bp.matmul(x, …). @example bp.tensor([[1, 2]]).matmul(bp.tensor([[3], [4]]));   // => [[11]] */
  matmul: la.matmul,
  /** `x.dot(…)` is bp.dot(x, …). @example bp.tensor([1, 2, 3]).dot(bp.tensor([4, 5, 6])).item();   // => 32 */
  dot: la.dot,
  /** `x.conv2d(…)` is bp.conv2d(x, …). @example bp.ones([1, 5, 5, 1]).conv2d(bp.ones([3, 3, 1, 2]), { padding: "valid" }).shape;   // => [1, 3, 3, 2] */
  conv2d: img.conv2d,
  /** `x.maxPool2d(…)` is bp.maxPool2d(x, …). @example bp.ones([1, 4, 4, 3]).maxPool2d({ poolSize: 2 }).shape;   // => [1, 2, 2, 3] */
  maxPool2d: img.maxPool2d,
  /** `x.avgPool2d(…)` is bp.avgPool2d(x, …). @example bp.ones([1, 4, 4, 3]).avgPool2d({ poolSize: 2 }).shape;   // => [1, 2, 2, 3] */
  avgPool2d: img.avgPool2d,
  /** `x.relu(…)` is bp.relu(x, …). @example bp.tensor([-1, 2]).relu();   // => [0, 2] */
  relu: act.relu,
  /** `x.relu6(…)` is bp.relu6(x, …). @example bp.tensor([-1, 8]).relu6();   // => [0, 6] */
  relu6: act.relu6,
  /** `x.leakyRelu(…)` is bp.leakyRelu(x, …). @example bp.tensor([-1, 2]).leakyRelu(0.1);   // => [-0.1, 2] */
  leakyRelu: act.leakyRelu,
  /** `x.elu(…)` is bp.elu(x, …). @example bp.tensor([0, 2]).elu();   // => [0, 2] */
  elu: act.elu,
  /** `x.selu(…)` is bp.selu(x, …). @example bp.tensor([0]).selu();   // => [0] */
  selu: act.selu,
  /** `x.sigmoid(…)` is bp.sigmoid(x, …). @example bp.tensor([0]).sigmoid();   // => [0.5] */
  sigmoid: act.sigmoid,
  /** `x.tanh(…)` is bp.tanh(x, …). @example bp.tensor([0]).tanh();   // => [0] */
  tanh: act.tanh,
  /** `x.hardTanh(…)` is bp.hardTanh(x, …). @example bp.tensor([-3, 3]).hardTanh();   // => [-1, 1] */
  hardTanh: act.hardTanh,
  /** `x.hardSigmoid(…)` is bp.hardSigmoid(x, …). @example bp.tensor([0]).hardSigmoid();   // => [0.5] */
  hardSigmoid: act.hardSigmoid,
  /** `x.softsign(…)` is bp.softsign(x, …). @example bp.tensor([1]).softsign();   // => [0.5] */
  softsign: act.softsign,
  /** `x.softplus(…)` is bp.softplus(x, …). @example bp.tensor([0]).softplus().item();   // => 0.6931472 */
  softplus: act.softplus,
  /** `x.swish(…)` is bp.swish(x, …). @example bp.tensor([0]).swish();   // => [0] */
  swish: act.swish,
  /** `x.gelu(…)` is bp.gelu(x, …). @example bp.tensor([0]).gelu();   // => [0] */
  gelu: act.gelu,
  /** `x.logSigmoid(…)` is bp.logSigmoid(x, …). @example bp.tensor([0]).logSigmoid().item();   // => -0.6931472 */
  logSigmoid: act.logSigmoid,
  /** `x.softmax(…)` is bp.softmax(x, …). @example bp.tensor([[0, 0]]).softmax();   // => [[0.5, 0.5]] */
  softmax: act.softmax,
  /** `x.logSoftmax(…)` is bp.logSoftmax(x, …). @example bp.tensor([[0, 0]]).logSoftmax().toArray();   // => [[-0.6931472, -0.6931472]] */
  logSoftmax: act.logSoftmax,
};

type Method<F> = F extends (x: Tensor, ...rest: infer A) => infer R ? (...args: A) => R : never;

export type TensorMethods = { [K in keyof typeof methodTable]: Method<(typeof methodTable)[K]> };

/** Installs the table on Tensor.prototype (done once by the package entry point). */
export function installMethods(): void {
  const proto = Tensor.prototype as unknown as Record<string, unknown>;
  for (const [name, fn] of Object.entries(methodTable)) {
    const op = fn as (x: Tensor, ...rest: unknown[]) => unknown;
    proto[name] = function (this: Tensor, ...args: unknown[]) {
      return op(this, ...args);
    };
  }
}
