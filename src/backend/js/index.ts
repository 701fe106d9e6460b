/**
 * The js backend: every kernel in plain TypeScript over typed arrays. It is the reference that
 * every other backend is tested against, and it holds float64 for gradient checks.
 */
import type { Backend, KernelTable } from "../backend.js";
import { DTYPES, makeTypedArray, type DType } from "../dtype.js";
import { binary, broadcastTo, cast, stableSigmoid, unary, where } from "./elementwise.js";
import {
  avgPool2d, avgPool2dGrad, conv2d, conv2dBackpropFilter, conv2dBackpropInput,
  matmul, maxPool2d, maxPool2dGrad, maxPool2dSelect,
} from "./linalg.js";
import { concat, gather, pad, scatterAdd, slice, transpose } from "./movement.js";
import { argmax, argmin, max, min, sum } from "./reduce.js";
import { makeStorage, type JsStorage } from "./storage.js";

const kernels: KernelTable<JsStorage> = {
  neg: unary((x) => -x),
  exp: unary(Math.exp),
  log: unary(Math.log),
  log1p: unary(Math.log1p),
  sqrt: unary(Math.sqrt),
  abs: unary(Math.abs),
  sign: unary((x) => (x > 0 ? 1 : x < 0 ? -1 : x)),
  sigmoid: unary(stableSigmoid),
  tanh: unary(Math.tanh),
  sin: unary(Math.sin),
  cos: unary(Math.cos),
  floor: unary(Math.floor),
  cast,
  add: binary((a, b) => a + b),
  sub: binary((a, b) => a - b),
  mul: binary((a, b) => a * b),
  div: binary((a, b) => a / b),
  pow: binary(Math.pow),
  maximum: binary((a, b) => (a !== a || b !== b ? NaN : a > b ? a : b)),
  minimum: binary((a, b) => (a !== a || b !== b ? NaN : a < b ? a : b)),
  equal: binary((a, b) => (a === b ? 1 : 0)),
  notEqual: binary((a, b) => (a !== b ? 1 : 0)),
  greater: binary((a, b) => (a > b ? 1 : 0)),
  greaterEqual: binary((a, b) => (a >= b ? 1 : 0)),
  less: binary((a, b) => (a < b ? 1 : 0)),
  lessEqual: binary((a, b) => (a <= b ? 1 : 0)),
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
};

export function createJsBackend(): Backend<JsStorage> {
  let bytes = 0;
  const width = (d: DType): number => (d === "float64" ? 8 : 4);
  return {
    name: "js",
    dtypes: DTYPES,
    alloc(dtype, size) {
      bytes += size * width(dtype);
      return makeStorage(dtype, makeTypedArray(dtype, size));
    },
    free(s) {
      bytes -= s.size * width(s.dtype);
    },
    write(s, data) {
      s.data.set(data);
    },
    read(s) {
      return s.data.slice();
    },
    copy(src, dst) {
      dst.data.set(src.data);
    },
    bytesInUse: () => bytes,
    kernels,
  };
}
