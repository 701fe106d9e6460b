/**
 * The kernels of the wasm backend, compiled by AssemblyScript into one module that imports its
 * memory. Kernels never allocate: every buffer, including per-thread scratch, is passed in by the JS
 * side, which owns the allocator. Functions whose first parameters are (share, shares, scratch) can
 * be split across threads: each share computes a disjoint part of the output.
 */
export { gemm, gemmReduce, gemmScratchBytes } from "./gemm";
export { unaryF32, unaryI32, castF32ToI32, castI32ToF32, reluGrad32 } from "./unary";
export { binaryF32, binaryI32, compareF32, compareI32 } from "./binary";
export { where32 } from "./where";
export { reduceF32, reduceI32, argReduce } from "./reduce";
export { sumPartsF32, sumMergeF32 } from "./sum";
export { scatterAddF32 } from "./scatter";
export { copyStrided, transpose2d, fill32, gather32, scatterAdd32 } from "./movement";
export { maxPool2d, maxPool2dGrad, maxPool2dSelect, avgPool2d, avgPool2dGrad } from "./pool";
export { adamF32, sgdF32, momentumF32, rmspropF32, adagradF32, adadeltaF32, adamaxF32, nadamF32 } from "./optim";
export { logSoftmaxF32, softmaxXentF32, softmaxXentGradF32 } from "./softmax";
export { convForward, packFilter, padImage } from "./conv";
export { epilogue } from "./epilogue";
export { convFilterGrad, convFilterReduce, convInputGrad, packFilterT } from "./conv-grad";

/** First byte after the module's static data: the JS allocator starts above it. */
export function heapBase(): usize {
  return __heap_base;
}
