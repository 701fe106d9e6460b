/**
 * How each op of core.json is called (the call convention of test/fixtures/README.md), as a function
 * and as a Tensor method, so the same fixture row checks both forms.
 */
import * as bp from "../../src/index.js";

type Attrs = Record<string, unknown>;
type Call = (inputs: bp.Tensor[], attrs: Attrs) => bp.Tensor;

const num = (a: Attrs, k: string): number => a[k] as number;
const axisOf = (a: Attrs): number | number[] | undefined => a.axis as number | number[] | undefined;
const keepOf = (a: Attrs): boolean | undefined => a.keepDims as boolean | undefined;
const x0 = (xs: bp.Tensor[]): bp.Tensor => xs[0] as bp.Tensor;
const x1 = (xs: bp.Tensor[]): bp.Tensor => xs[1] as bp.Tensor;
const x2 = (xs: bp.Tensor[]): bp.Tensor => xs[2] as bp.Tensor;

const unary = (f: (x: bp.Tensor) => bp.Tensor): Call => (xs) => f(x0(xs));
const binary = (f: (a: bp.Tensor, b: bp.Tensor) => bp.Tensor): Call => (xs) => f(x0(xs), x1(xs));
const reduce = (f: (x: bp.Tensor, axis?: number | number[], keepDims?: boolean) => bp.Tensor): Call => (xs, a) =>
  f(x0(xs), axisOf(a), keepOf(a));

/** Function forms. */
export const functionCalls: Record<string, Call> = {
  neg: unary(bp.neg), exp: unary(bp.exp), log: unary(bp.log), sqrt: unary(bp.sqrt), abs: unary(bp.abs),
  square: unary(bp.square), sign: unary(bp.sign), relu: unary(bp.relu), sigmoid: unary(bp.sigmoid),
  tanh: unary(bp.tanh), softsign: unary(bp.softsign), softplus: unary(bp.softplus), elu: unary(bp.elu),
  hardTanh: unary(bp.hardTanh), log1p: unary(bp.log1p),
  leakyRelu: (xs, a) => bp.leakyRelu(x0(xs), num(a, "alpha")),
  softmax: (xs, a) => bp.softmax(x0(xs), num(a, "axis")),
  logSoftmax: (xs, a) => bp.logSoftmax(x0(xs), num(a, "axis")),
  logSumExp: reduce(bp.logSumExp),
  add: binary(bp.add), sub: binary(bp.sub), mul: binary(bp.mul), div: binary(bp.div), pow: binary(bp.pow),
  maximum: binary(bp.maximum), minimum: binary(bp.minimum),
  clip: (xs, a) => bp.clip(x0(xs), num(a, "min"), num(a, "max")),
  matmul: (xs, a) => bp.matmul(x0(xs), x1(xs), a.transposeA as boolean, a.transposeB as boolean),
  transpose: (xs, a) => bp.transpose(x0(xs), a.perm as number[] | undefined),
  reshape: (xs, a) => bp.reshape(x0(xs), a.shape as number[]),
  expandDims: (xs, a) => bp.expandDims(x0(xs), num(a, "axis")),
  squeeze: (xs, a) => bp.squeeze(x0(xs), a.axis as number[] | undefined),
  concat: (xs, a) => bp.concat(xs, num(a, "axis")),
  stack: (xs, a) => bp.stack(xs, num(a, "axis")),
  slice: (xs, a) => bp.slice(x0(xs), a.begin as number[], a.size as number[]),
  gather: (xs, a) => bp.gather(x0(xs), x1(xs), num(a, "axis")),
  oneHot: (xs, a) => bp.oneHot(x0(xs), num(a, "depth")),
  where: (xs) => bp.where(x0(xs), x1(xs), x2(xs)),
  sum: reduce(bp.sum), mean: reduce(bp.mean), max: reduce(bp.max), min: reduce(bp.min),
  argmax: (xs, a) => bp.argmax(x0(xs), num(a, "axis")),
  argmin: (xs, a) => bp.argmin(x0(xs), num(a, "axis")),
  conv2d: (xs, a) => bp.conv2d(x0(xs), x1(xs), a as bp.Conv2dOptions),
  maxPool2d: (xs, a) => bp.maxPool2d(x0(xs), a as bp.Pool2dOptions),
  avgPool2d: (xs, a) => bp.avgPool2d(x0(xs), a as bp.Pool2dOptions),
};

/** Method forms (x.op(...)); ops without a natural method (stack, oneHot) are absent. */
export const methodCalls: Record<string, Call> = {
  neg: (xs) => x0(xs).neg(), exp: (xs) => x0(xs).exp(), log: (xs) => x0(xs).log(), sqrt: (xs) => x0(xs).sqrt(),
  abs: (xs) => x0(xs).abs(), square: (xs) => x0(xs).square(), sign: (xs) => x0(xs).sign(),
  relu: (xs) => x0(xs).relu(), sigmoid: (xs) => x0(xs).sigmoid(), tanh: (xs) => x0(xs).tanh(),
  softsign: (xs) => x0(xs).softsign(), softplus: (xs) => x0(xs).softplus(), elu: (xs) => x0(xs).elu(),
  hardTanh: (xs) => x0(xs).hardTanh(), log1p: (xs) => x0(xs).log1p(),
  leakyRelu: (xs, a) => x0(xs).leakyRelu(num(a, "alpha")),
  softmax: (xs, a) => x0(xs).softmax(num(a, "axis")),
  logSoftmax: (xs, a) => x0(xs).logSoftmax(num(a, "axis")),
  logSumExp: (xs, a) => x0(xs).logSumExp(axisOf(a), keepOf(a)),
  add: (xs) => x0(xs).add(x1(xs)), sub: (xs) => x0(xs).sub(x1(xs)), mul: (xs) => x0(xs).mul(x1(xs)),
  div: (xs) => x0(xs).div(x1(xs)), pow: (xs) => x0(xs).pow(x1(xs)),
  maximum: (xs) => x0(xs).maximum(x1(xs)), minimum: (xs) => x0(xs).minimum(x1(xs)),
  clip: (xs, a) => x0(xs).clip(num(a, "min"), num(a, "max")),
  matmul: (xs, a) => x0(xs).matmul(x1(xs), a.transposeA as boolean, a.transposeB as boolean),
  transpose: (xs, a) => x0(xs).transpose(a.perm as number[] | undefined),
  reshape: (xs, a) => x0(xs).reshape(a.shape as number[]),
  expandDims: (xs, a) => x0(xs).expandDims(num(a, "axis")),
  squeeze: (xs, a) => x0(xs).squeeze(a.axis as number[] | undefined),
  concat: (xs, a) => x0(xs).concat(xs.slice(1), num(a, "axis")),
  slice: (xs, a) => x0(xs).slice(a.begin as number[], a.size as number[]),
  gather: (xs, a) => x0(xs).gather(x1(xs), num(a, "axis")),
  where: (xs) => x0(xs).where(x1(xs), x2(xs)),
  sum: (xs, a) => x0(xs).sum(axisOf(a), keepOf(a)), mean: (xs, a) => x0(xs).mean(axisOf(a), keepOf(a)),
  max: (xs, a) => x0(xs).max(axisOf(a), keepOf(a)), min: (xs, a) => x0(xs).min(axisOf(a), keepOf(a)),
  argmax: (xs, a) => x0(xs).argmax(num(a, "axis")), argmin: (xs, a) => x0(xs).argmin(num(a, "axis")),
  conv2d: (xs, a) => x0(xs).conv2d(x1(xs), a as bp.Conv2dOptions),
  maxPool2d: (xs, a) => x0(xs).maxPool2d(a as bp.Pool2dOptions),
  avgPool2d: (xs, a) => x0(xs).avgPool2d(a as bp.Pool2dOptions),
};
