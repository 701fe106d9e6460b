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
  add: arith.add, sub: arith.sub, mul: arith.mul, div: arith.div, pow: arith.pow,
  maximum: arith.maximum, minimum: arith.minimum, squaredDifference: arith.squaredDifference,
  equal: arith.equal, notEqual: arith.notEqual, greater: arith.greater, greaterEqual: arith.greaterEqual,
  less: arith.less, lessEqual: arith.lessEqual,
  neg: arith.neg, exp: arith.exp, log: arith.log, log1p: arith.log1p, sqrt: arith.sqrt, erf: arith.erf, abs: arith.abs,
  sign: arith.sign, sin: arith.sin, cos: arith.cos, floor: arith.floor, square: arith.square,
  reciprocal: arith.reciprocal, expm1: arith.expm1, rsqrt: arith.rsqrt, clip: arith.clip,
  isFinite: arith.isFinite, isNaN: arith.isNaN,
  sum: red.sum, mean: red.mean, max: red.max, min: red.min, argmax: red.argmax, argmin: red.argmin,
  logSumExp: red.logSumExp, variance: red.variance,
  reshape: sh.reshape, flatten: sh.flatten, expandDims: sh.expandDims, squeeze: sh.squeeze,
  transpose: sh.transpose, broadcastTo: sh.broadcastTo, sumTo: sh.sumTo,
  concat: (x: Tensor, others: Tensor | readonly Tensor[], axis = 0): Tensor =>
    sh.concat([x, ...(others instanceof Tensor ? [others] : others)], axis),
  unstack: sh.unstack, split: sh.split, slice: sh.slice, pad: sh.pad, gather: sh.gather,
  scatterAdd: sh.scatterAdd, where: sh.where, oneHot: sh.oneHot, cast: sh.cast, tile: sh.tile, stopGradient: sh.stopGradient,
  matmul: la.matmul, dot: la.dot,
  conv2d: img.conv2d, maxPool2d: img.maxPool2d, avgPool2d: img.avgPool2d,
  relu: act.relu, relu6: act.relu6, leakyRelu: act.leakyRelu, elu: act.elu, selu: act.selu,
  sigmoid: act.sigmoid, tanh: act.tanh, hardTanh: act.hardTanh, hardSigmoid: act.hardSigmoid,
  softsign: act.softsign, softplus: act.softplus, swish: act.swish, gelu: act.gelu,
  logSigmoid: act.logSigmoid, softmax: act.softmax, logSoftmax: act.logSoftmax,
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
