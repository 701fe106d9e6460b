/**
 * Activation functions for layers: each is a plain `(x: Tensor) => Tensor`, so any differentiable
 * function works as an activation too. Strings name them wherever a layer takes `activation`.
 *
 *   bp.activations.relu(bp.tensor([-1, 2]));            // [0, 2]
 *   bp.layers.dense({ units: 4, activation: "relu" });
 *   bp.layers.dense({ units: 4, activation: (x) => x.mul(x.sigmoid()) });   // a custom one
 */
import type { Spellings } from "../names.js";
import { NotFoundError, ValueError } from "../errors.js";
import * as ops from "../ops/activation.js";
import type { FusedActivation } from "../ops/fused.js";
import type { Tensor } from "../tensor/tensor.js";
import { didYouMean } from "../suggest.js";

/** An activation: any differentiable function of one tensor. */
export type ActivationFn = (x: Tensor) => Tensor;

/** The identity: f(x) = x. */
export const linear: ActivationFn = (x) => x;
/** max(x, 0). */
export const relu: ActivationFn = (x) => ops.relu(x);
/** min(max(x, 0), 6). */
export const relu6: ActivationFn = (x) => ops.relu6(x);
/** x for x > 0, 0.2·x otherwise (the TensorFlow.js / Keras 3 default slope). */
export const leakyRelu: ActivationFn = (x) => ops.leakyRelu(x, 0.2);
/** x for x > 0, e^x - 1 otherwise. */
export const elu: ActivationFn = (x) => ops.elu(x, 1);
/** Scaled ELU (self-normalizing networks). */
export const selu: ActivationFn = (x) => ops.selu(x);
/** 1 / (1 + e^-x). */
export const sigmoid: ActivationFn = (x) => ops.sigmoid(x);
/** clip(0.2·x + 0.5, 0, 1), as in Keras. */
export const hardSigmoid: ActivationFn = (x) => ops.hardSigmoid(x);
/** Hyperbolic tangent. */
export const tanh: ActivationFn = (x) => ops.tanh(x);
/** clip(x, -1, 1). */
export const hardTanh: ActivationFn = (x) => ops.hardTanh(x);
/** x / (1 + |x|). */
export const softsign: ActivationFn = (x) => ops.softsign(x);
/** log(1 + e^x), stable for any x. */
export const softplus: ActivationFn = (x) => ops.softplus(x);
/** Softmax over the last axis. */
export const softmax: ActivationFn = (x) => ops.softmax(x, -1);
/** Log-softmax over the last axis. */
export const logSoftmax: ActivationFn = (x) => ops.logSoftmax(x, -1);
/** x·σ(x) (also called SiLU). */
export const swish: ActivationFn = (x) => ops.swish(x);
/** x·Φ(x) = x·½(1 + erf(x/√2)), exact (Keras 3's and TensorFlow.js's "gelu"). */
export const gelu: ActivationFn = (x) => ops.gelu(x);
/** x·Φ(x) with the tanh approximation (Keras's gelu(approximate=True), PyTorch's GELU(approximate="tanh")). */
export const geluApproximate: ActivationFn = (x) => ops.gelu(x, true);

const builtins = {
  linear, relu, relu6, leakyRelu, elu, selu, sigmoid, hardSigmoid, tanh, hardTanh,
  softsign, softplus, softmax, logSoftmax, swish, gelu, geluApproximate,
} satisfies Record<string, ActivationFn>;

/** Extra aliases (Keras spells a few differently). */
const aliases = { silu: "swish" } as const satisfies Record<string, keyof typeof builtins>;

/**
 * Activations registered with registerActivation, for the type checker: declare yours by merging,
 * `declare module "backprop" { interface CustomActivations { cube: true } }`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CustomActivations {}

/** The activation names that type-check (any spelling registerActivation's lookup accepts). */
export type ActivationName = Spellings<keyof typeof builtins | keyof typeof aliases> | (keyof CustomActivations & string);

const registry = new Map<string, { name: string; fn: ActivationFn }>();

/** "leaky_relu", "LeakyRelu" and "leakyRelu" all name the same activation. */
function key(name: string): string {
  return name.replace(/_/g, "").toLowerCase();
}

for (const [name, fn] of Object.entries(builtins)) registry.set(key(name), { name, fn });
for (const [alias, target] of Object.entries(aliases)) registry.set(key(alias), registry.get(key(target))!);

/** The names getActivation accepts (camelCase; snake_case spellings work too). */
export function activationNames(): string[] {
  return [...new Set([...registry.values()].map((e) => e.name))];
}

/**
 * Registers a custom activation under a name, so layers using it can be saved and loaded by name.
 *
 *   bp.activations.registerActivation("cube", (x) => x.pow(3));
 */
export function registerActivation(name: string, fn: ActivationFn): void {
  if (typeof name !== "string" || name === "") throw new ValueError("registerActivation: name must be a non-empty string");
  if (typeof fn !== "function") throw new ValueError(`registerActivation: "${name}" must be given a function (x: Tensor) => Tensor, got ${typeof fn}`);
  registry.set(key(name), { name, fn });
}

/**
 * Resolves an activation given by name or as a function; unknown names throw a NotFoundError
 * listing the valid ones.
 *
 *   bp.activations.getActivation("relu")(x);
 */
export function getActivation(nameOrFn: string | ActivationFn | null | undefined): ActivationFn {
  if (nameOrFn === undefined || nameOrFn === null) return linear;
  if (typeof nameOrFn === "function") return nameOrFn;
  if (typeof nameOrFn !== "string") {
    throw new ValueError(`getActivation: expected an activation name or a function, got ${typeof nameOrFn}`);
  }
  const entry = registry.get(key(nameOrFn));
  if (!entry) {
    throw new NotFoundError(
      `getActivation: unknown activation "${nameOrFn}"${didYouMean(nameOrFn, activationNames())}; expected one of ${activationNames().map((n) => `"${n}"`).join(", ")} or a function`,
    );
  }
  return entry.fn;
}

/**
 * The name to save an activation under: its registered name, or the function's own name for an
 * unregistered custom function (register it with registerActivation to load it back).
 */
export function activationName(fn: ActivationFn): string {
  for (const entry of registry.values()) if (entry.fn === fn) return entry.name;
  return fn.name !== "" ? fn.name : "custom";
}

/**
 * The activation a fused matmul or conv2d (bp.fused) applies itself — "relu" or "linear" — or
 * undefined for any other, which the layer applies after a "linear" fused op.
 */
export function fusedActivation(fn: ActivationFn): FusedActivation | undefined {
  return fn === relu ? "relu" : fn === linear ? "linear" : undefined;
}
