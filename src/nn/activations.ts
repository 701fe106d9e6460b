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

/**
 * An activation: any differentiable function of one tensor.
 *
 * @example
 * const mish: bp.activations.ActivationFn = (x) => x.mul(x.softplus().tanh());
 * bp.layers.dense({ units: 4, activation: mish }).apply(bp.ones([1, 2])).shape;   // => [1, 4]
 */
export type ActivationFn = (x: Tensor) => Tensor;

/**
 * The identity: f(x) = x.
 *
 * @example
 * bp.activations.linear(bp.tensor([-2, 3]));   // => [-2, 3]
 */
export const linear: ActivationFn = (x) => x;
/**
 * max(x, 0).
 *
 * @example
 * bp.activations.relu(bp.tensor([-2, 3]));   // => [0, 3]
 */
export const relu: ActivationFn = (x) => ops.relu(x);
/**
 * min(max(x, 0), 6).
 *
 * @example
 * bp.activations.relu6(bp.tensor([-2, 3, 9]));   // => [0, 3, 6]
 */
export const relu6: ActivationFn = (x) => ops.relu6(x);
/**
 * x for x > 0, 0.2·x otherwise (the TensorFlow.js / Keras 3 default slope).
 *
 * @example
 * bp.activations.leakyRelu(bp.tensor([-1, 3]));   // => [-0.2, 3]
 */
export const leakyRelu: ActivationFn = (x) => ops.leakyRelu(x, 0.2);
/**
 * x for x > 0, e^x - 1 otherwise.
 *
 * @example
 * bp.activations.elu(bp.tensor([0, 2]));   // => [0, 2]
 */
export const elu: ActivationFn = (x) => ops.elu(x, 1);
/**
 * Scaled ELU (self-normalizing networks).
 *
 * @example
 * bp.activations.selu(bp.tensor([0])).item();   // => 0
 */
export const selu: ActivationFn = (x) => ops.selu(x);
/**
 * 1 / (1 + e^-x).
 *
 * @example
 * bp.activations.sigmoid(bp.tensor([0]));   // => [0.5]
 */
export const sigmoid: ActivationFn = (x) => ops.sigmoid(x);
/**
 * clip(0.2·x + 0.5, 0, 1), as in Keras.
 *
 * @example
 * bp.activations.hardSigmoid(bp.tensor([0, 10]));   // => [0.5, 1]
 */
export const hardSigmoid: ActivationFn = (x) => ops.hardSigmoid(x);
/**
 * Hyperbolic tangent.
 *
 * @example
 * bp.activations.tanh(bp.tensor([0]));   // => [0]
 */
export const tanh: ActivationFn = (x) => ops.tanh(x);
/**
 * clip(x, -1, 1).
 *
 * @example
 * bp.activations.hardTanh(bp.tensor([-2, 0.3]));   // => [-1, 0.3]
 */
export const hardTanh: ActivationFn = (x) => ops.hardTanh(x);
/**
 * x / (1 + |x|).
 *
 * @example
 * bp.activations.softsign(bp.tensor([1]));   // => [0.5]
 */
export const softsign: ActivationFn = (x) => ops.softsign(x);
/**
 * log(1 + e^x), stable for any x.
 *
 * @example
 * bp.activations.softplus(bp.tensor([0]));   // => [0.6931472]
 */
export const softplus: ActivationFn = (x) => ops.softplus(x);
/**
 * Softmax over the last axis.
 *
 * @example
 * bp.activations.softmax(bp.tensor([[0, 0, 0, 0]]));   // => [[0.25, 0.25, 0.25, 0.25]]
 */
export const softmax: ActivationFn = (x) => ops.softmax(x, -1);
/**
 * Log-softmax over the last axis.
 *
 * @example
 * bp.activations.logSoftmax(bp.tensor([[0, 0]]));   // => [[-0.6931472, -0.6931472]]
 */
export const logSoftmax: ActivationFn = (x) => ops.logSoftmax(x, -1);
/**
 * x·σ(x) (also called SiLU).
 *
 * @example
 * bp.activations.swish(bp.tensor([0]));   // => [0]
 */
export const swish: ActivationFn = (x) => ops.swish(x);
/**
 * x·Φ(x) = x·½(1 + erf(x/√2)), exact (Keras 3's and TensorFlow.js's "gelu").
 *
 * @example
 * bp.activations.gelu(bp.tensor([0, 1]));   // => [0, 0.8413447]
 */
export const gelu: ActivationFn = (x) => ops.gelu(x);
/**
 * x·Φ(x) with the tanh approximation (Keras's gelu(approximate=True), PyTorch's GELU(approximate="tanh")).
 *
 * @example
 * bp.activations.geluApproximate(bp.tensor([0, 1]));   // => [0, 0.841192]
 */
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
 *
 * @example
 * // declare the names you register, so that layer options accept them as literal types:
 * //   declare module "backprop" { interface CustomActivations { cube: true } }
 * //   bp.layers.dense({ units: 4, activation: "cube" });
 * bp.activations.registerActivation("cube", (x) => x.pow(3));
 * bp.activations.activationNames().includes("cube");   // => true
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CustomActivations {}

/**
 * The activation names that type-check (any spelling registerActivation's lookup accepts).
 *
 * @example
 * const name: bp.ActivationName = "leakyRelu";   // "leaky_relu" too; a misspelt name is a type error
 * bp.layers.activation({ activation: name }).apply(bp.tensor([-1]));   // => [-0.2]
 */
export type ActivationName = Spellings<keyof typeof builtins | keyof typeof aliases> | (keyof CustomActivations & string);

const registry = new Map<string, { name: string; fn: ActivationFn }>();

/** "leaky_relu", "LeakyRelu" and "leakyRelu" all name the same activation. */
function key(name: string): string {
  return name.replace(/_/g, "").toLowerCase();
}

for (const [name, fn] of Object.entries(builtins)) registry.set(key(name), { name, fn });
for (const [alias, target] of Object.entries(aliases)) registry.set(key(alias), registry.get(key(target))!);

/**
 * The names getActivation accepts (camelCase; snake_case spellings work too).
 *
 * @example
 * bp.activations.activationNames().includes("gelu");   // => true
 */
export function activationNames(): string[] {
  return [...new Set([...registry.values()].map((e) => e.name))];
}

/**
 * Registers a custom activation under a name, so layers using it can be saved and loaded by name.
 *
 * @example
 * bp.activations.registerActivation("cube", (x) => x.pow(3));
 * bp.activations.getActivation("cube")(bp.tensor([2]));   // => [8]
 * // in layer options, declare the name for the type checker (see CustomActivations)
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
 * @example
 * bp.activations.getActivation("relu")(bp.tensor([-1, 2]));   // => [0, 2]
 * bp.activations.getActivation(null)(bp.tensor([-1]));   // => [-1]
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
 *
 * @example
 * bp.activations.activationName(bp.activations.relu);   // => "relu"
 */
export function activationName(fn: ActivationFn): string {
  for (const entry of registry.values()) if (entry.fn === fn) return entry.name;
  return fn.name !== "" ? fn.name : "custom";
}

/**
 * The activation a fused matmul or conv2d (bp.fused) applies itself — "relu" or "linear" — or
 * undefined for any other, which the layer applies after a "linear" fused op.
 *
 * @example
 * bp.activations.fusedActivation(bp.activations.relu);   // => "relu"
 * bp.activations.fusedActivation(bp.activations.tanh);   // => undefined
 */
export function fusedActivation(fn: ActivationFn): FusedActivation | undefined {
  return fn === relu ? "relu" : fn === linear ? "linear" : undefined;
}
