/**
 * The fused epilogue of matmul and conv2d (Epilogue in backend/kernel-attrs.ts): out = act(product
 * + bias), written by the kernel as it stores the product, so a dense or convolution layer costs one
 * pass over its output instead of three.
 */
import { fmtShape, ShapeError, ValueError } from "../../errors.js";
import type { Tensor } from "../../tensor/tensor.js";
import { reluGrad } from "./relu.js";

/**
 * Validates the fused epilogue of matmul / conv2d (see Epilogue in kernel-attrs.ts): the optional
 * bias at inputs[2] must be a vector of the output's last dimension `n`.
 */
export function checkEpilogue(op: string, inputs: readonly Tensor[], n: number, activation: string | undefined): void {
  const bias = inputs[2];
  if (bias && (bias.rank !== 1 || bias.shape[0] !== n)) {
    throw new ShapeError(`${op}: bias must have shape [${n}] (the output's last dimension), got ${fmtShape(bias.shape)}`);
  }
  if (inputs.length > 3) throw new ShapeError(`${op}: expected at most 3 inputs (with a bias), got ${inputs.length}`);
  if (activation !== undefined && activation !== "relu") {
    throw new ValueError(`${op}: fused activation must be "relu" or absent, got ${JSON.stringify(activation)}`);
  }
}

/**
 * The gradient through a fused epilogue out = act(product + bias): the gradient of the product, and
 * of the bias (the product's gradient summed over every axis but the last), or null without a bias.
 */
export function epilogueGrad(g: Tensor, out: Tensor, bias: Tensor | undefined, activation: "relu" | undefined): [Tensor, Tensor | null] {
  const gz = activation === "relu" ? reluGrad([out, g], {}) : g;
  if (!bias?.requiresGrad) return [gz, null];
  const axes = Array.from({ length: gz.rank - 1 }, (_, i) => i);
  return [gz, gz.sum(axes)];
}
