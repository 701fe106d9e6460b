/**
 * Activations that ONNX spells as a small branching subgraph (swish = x·sigmoid(x), both GELUs):
 * the subgraph is evaluated on probe values and named by the backprop activation it matches.
 */
import { FormatError } from "../errors.js";
import { getActivation } from "../nn/activations.js";
import { tensor } from "../tensor/creation.js";
import type { OnnxNode } from "./onnx-proto.js";
import type { Const } from "./onnx-tensors.js";

/** Elementwise ops a composite activation may use, as scalar functions. */
export const ELEMENTWISE: Record<string, (...a: number[]) => number> = {
  Add: (a, b) => a! + b!, Sub: (a, b) => a! - b!, Mul: (a, b) => a! * b!, Div: (a, b) => a! / b!, Pow: (a, b) => a! ** b!,
  Tanh: Math.tanh, Sigmoid: (a) => 1 / (1 + Math.exp(-a!)), Exp: Math.exp, Log: Math.log, Sqrt: Math.sqrt, Neg: (a) => -a!,
  Relu: (a) => Math.max(a!, 0), Softplus: (a) => Math.log1p(Math.exp(a!)), Abs: Math.abs, Erf: erf,
};

/** erf to 1.5e-7 (Abramowitz and Stegun 7.1.26), enough to tell activations apart. */
function erf(x = 0): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return x >= 0 ? y : -y;
}
/** The backprop activation computed by the elementwise nodes `sub` from tensor x to tensor out. */
export function compositeActivation(sub: readonly OnnxNode[], x: string, out: string, consts: Map<string, Const>, where: string): string {
  const probe = Array.from({ length: 41 }, (_, i) => (i - 20) / 4);
  const vals = new Map<string, number[]>([[x, probe]]);
  const value = (name: string): number[] => {
    const v = vals.get(name);
    if (v) return v;
    const c = consts.get(name);
    if (!c || c.data.length !== 1) throw new FormatError(`${where}: tensor "${name}" in an elementwise subgraph must be a scalar constant`);
    return probe.map(() => c.data[0]!);
  };
  for (const n of sub) {
    const args = n.input.map(value);
    vals.set(n.output[0]!, probe.map((_, k) => ELEMENTWISE[n.opType]!(...args.map((a) => a[k]!))));
  }
  const got = vals.get(out)!;
  const t = tensor(probe);
  for (const name of ["swish", "gelu", "geluApproximate", "softplus", "elu", "selu", "sigmoid", "tanh", "hardSigmoid"]) {
    const want = getActivation(name)(t).dataSync();
    if (got.every((v, k) => Math.abs(v - want[k]!) <= 1e-5 * Math.max(1, Math.abs(v)))) return name;
  }
  throw new FormatError(`${where}: the subgraph from "${x}" to "${out}" (${sub.map((n) => n.opType).join(", ")}) is no activation backprop has`);
}
