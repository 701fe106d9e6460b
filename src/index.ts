/**
 * backprop — deep learning in TypeScript.
 *
 *   import * as bp from "backprop";
 *   const x = bp.tensor([1, 2, 3]);
 *   bp.grad((x) => x.mul(x).sum())(x);   // [2, 4, 6]
 */
import { createJsBackend } from "./backend/js/index.js";
import { createWasmBackend } from "./backend/wasm/index.js";
import { installMethods } from "./ops/methods.js";
import { registerBackend } from "./tensor/engine.js";

installMethods();
registerBackend("js", createJsBackend, 0);
registerBackend("wasm", createWasmBackend, 1);

export * from "./errors.js";
export type { Backend, KernelTable, Storage } from "./backend/backend.js";
export type { DType, TypedArray } from "./backend/dtype.js";
export { getBackend, keep, memory, registerBackend, setBackend, tidy } from "./tensor/engine.js";
export { getSeed, Rng, setSeed } from "./tensor/random.js";
export { Tensor, Variable, type NestedArray } from "./tensor/tensor.js";
export {
  arange, eye, full, linspace, ones, onesLike, rand, randn, scalar, tensor, truncatedNormal, zeros, zerosLike,
  type TensorLike,
} from "./tensor/creation.js";
export { noGrad } from "./autograd/tape.js";
export { compileStep, getCapture, setCapture, type CompiledStep, type CompileStepOptions } from "./tensor/compile-step.js";
export { checkGrad, grad, grads, hessian, jacobian, valueAndGrad, valueAndGrads } from "./autograd/grad.js";
export * from "./ops/arithmetic.js";
export * from "./ops/reduction.js";
export * from "./ops/shape-ops.js";
export * from "./ops/linalg.js";
export * from "./ops/image.js";
export * from "./ops/activation.js";

import { Tensor as TensorClass, Variable } from "./tensor/tensor.js";

/**
 * A trainable tensor: `w.assign(t)` updates it in place.
 *
 * @example
 * const w = bp.variable(bp.zeros([3, 1]), { name: "w" });
 * w.assign(bp.ones([3, 1]));
 * w.sum().item();   // => 3
 */
export function variable(initial: TensorClass, options: { trainable?: boolean; name?: string } = {}): Variable {
  return new Variable(initial, options);
}
export * as callbacks from "./model/callbacks/index.js";
export * as data from "./data/index.js";
export * as metrics from "./metrics/index.js";
export * as fused from "./ops/fused.js";
export * as layers from "./nn/layers/index.js";
export * as activations from "./nn/activations.js";
export * as initializers from "./nn/initializers.js";
export * as regularizers from "./nn/regularizers.js";
export * as report from "./report/index.js";
export * as image from "./image/index.js";
export * as losses from "./losses/index.js";
export * as optimizers from "./optim/optimizers.js";
export * as schedules from "./optim/schedules.js";
export { Optimizer, type OptimizerOptions } from "./optim/optimizer.js";
export type { ActivationName, CustomActivations } from "./nn/activations.js";
export type { InitializerName } from "./nn/initializers.js";
export type { LossIdentifier, LossName } from "./losses/index.js";
export type { OptimizerName } from "./optim/optimizers.js";
export * from "./model/index.js";
export { getThreads, setThreads } from "./backend/wasm/index.js";
