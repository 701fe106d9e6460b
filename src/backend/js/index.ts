/**
 * The js backend: every kernel in plain TypeScript over typed arrays. It is the reference that
 * every other backend is tested against, and it holds float64 for gradient checks.
 */
import type { Backend, KernelTable } from "../backend.js";
import { DTYPES, makeTypedArray, type DType } from "../dtype.js";
import * as activation from "./activation.js";
import { binary, binaryRows as B, broadcastTo, cast, unary, unaryLoops as U, where } from "./elementwise.js";
import { conv2d, conv2dBackpropFilter, conv2dBackpropInput, matmul } from "./linalg.js";
import { concat, gather, pad, scatterAdd, slice, transpose } from "./movement.js";
import { avgPool2d, avgPool2dGrad, maxPool2d, maxPool2dGrad, maxPool2dSelect } from "./pool.js";
import { argmax, argmin, max, min, sum } from "./reduce.js";
import { makeStorage, type JsStorage } from "./storage.js";
import { jsRuleTable } from "../../optim/rules/index.js";

const kernels: KernelTable<JsStorage> = {
  neg: unary(U.neg),
  exp: unary(U.exp),
  log: unary(U.log),
  log1p: unary(U.log1p),
  sqrt: unary(U.sqrt),
  abs: unary(U.abs),
  sign: unary(U.sign),
  sigmoid: unary(U.sigmoid),
  tanh: unary(U.tanh),
  sin: unary(U.sin),
  cos: unary(U.cos),
  floor: unary(U.floor),
  cast,
  add: binary(B.add),
  sub: binary(B.sub),
  mul: binary(B.mul),
  div: binary(B.div),
  pow: binary(B.pow),
  maximum: binary(B.maximum),
  minimum: binary(B.minimum),
  equal: binary(B.equal),
  notEqual: binary(B.notEqual),
  greater: binary(B.greater),
  greaterEqual: binary(B.greaterEqual),
  less: binary(B.less),
  lessEqual: binary(B.lessEqual),
  where,
  sum,
  max,
  min,
  argmax,
  argmin,
  transpose,
  broadcastTo,
  slice,
  pad,
  concat,
  gather,
  scatterAdd,
  matmul,
  conv2d,
  conv2dBackpropInput,
  conv2dBackpropFilter,
  maxPool2d,
  maxPool2dGrad,
  maxPool2dSelect,
  avgPool2d,
  avgPool2dGrad,
  // every kernel exported by activation.ts (relu, reluGrad, logSoftmax, softmaxCrossEntropy…)
  ...activation,
};

const rules = jsRuleTable<JsStorage>((t) => t.storage.data);

export function createJsBackend(): Backend<JsStorage> {
  let bytes = 0;
  const width = (d: DType): number => (d === "float64" ? 8 : 4);
  return {
    name: "js",
    dtypes: DTYPES,
    alloc(dtype, size) {
      const s = makeStorage(dtype, makeTypedArray(dtype, size));
      bytes += size * width(dtype); // counted once allocated: a failed request holds nothing
      return s;
    },
    free(s) {
      bytes -= s.size * width(s.dtype);
    },
    write(s, data) {
      s.data.set(data);
    },
    fill(s, value) {
      s.data.fill(value);
    },
    read(s) {
      return s.data.slice();
    },
    copy(src, dst) {
      dst.data.set(src.data);
    },
    bytesInUse: () => bytes,
    kernels,
    updateRules: rules,
  };
}
