/**
 * Adamax: Adam with the infinity norm in place of the second moment.
 *
 *   bp.optimizers.adamax({ learningRate: 0.002 });
 */
import type { Tensor, Variable } from "../tensor/tensor.js";
import { nonNegative, unit } from "./hyper.js";
import { Optimizer, type OptimizerOptions, type StepInfo } from "./optimizer.js";

/**
 * Options of adamax: learning rate, beta1, beta2, epsilon.
 *
 * @example
 * const options: bp.optimizers.AdamaxOptions = { learningRate: 0.002, beta1: 0.9, beta2: 0.999 };
 * bp.optimizers.adamax(options).beta2;   // => 0.999
 */
export interface AdamaxOptions extends OptimizerOptions {
  /** Default 0.002 (TensorFlow.js). */
  learningRate?: OptimizerOptions["learningRate"];
  /** Default 0.9. */
  beta1?: number;
  /** Default 0.999. */
  beta2?: number;
  /** Default 1e-7. */
  epsilon?: number;
}

/**
 * m ← β1·m + (1 − β1)·g
 * u ← max(β2·u, |g|)
 * p ← p − lr·m / ((1 − β1ᵗ)·(u + ε))
 *
 * @example
 * const out = bp.optimizers.adamaxUpdate(bp.tensor([1]), bp.tensor([2]), { m: bp.zeros([1]), u: bp.zeros([1]) }, { lr: 0.1, t: 1, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });
 * out.u;   // => [2]
 * out.p;   // => [0.9]
 */
export function adamaxUpdate(
  p: Tensor,
  g: Tensor,
  s: { m: Tensor; u: Tensor },
  h: { lr: number; t: number; beta1: number; beta2: number; epsilon: number },
): { p: Tensor; m: Tensor; u: Tensor } {
  const m = s.m.mul(h.beta1).add(g.mul(1 - h.beta1));
  const u = s.u.mul(h.beta2).maximum(g.abs());
  const pNext = p.sub(m.mul(h.lr / (1 - h.beta1 ** h.t)).div(u.add(h.epsilon)));
  return { p: pNext, m, u };
}

/**
 * Adamax: Adam with the infinity norm in place of the root mean square.
 *
 * @example
 * const w = bp.variable(bp.tensor([1]));
 * new bp.optimizers.Adamax({ learningRate: 0.1 }).minimize(() => w.square().sum(), [w]);
 * w;   // => [0.9]
 */
export class Adamax extends Optimizer<"m" | "u"> {
  static override className = "Adamax";
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  protected readonly slotNames = ["m", "u"] as const;

  constructor(options: AdamaxOptions = {}) {
    super(options, { learningRate: 0.002 }, ["beta1", "beta2", "epsilon"]);
    this.beta1 = unit("Adamax", "beta1", options.beta1, 0.9);
    this.beta2 = unit("Adamax", "beta2", options.beta2, 0.999);
    this.epsilon = nonNegative("Adamax", "epsilon", options.epsilon, 1e-7);
  }

  protected update(
    p: Variable,
    g: Tensor,
    s: { m: Tensor; u: Tensor },
    { lr, t }: StepInfo,
  ): { p: Tensor; slots: { m?: Tensor; u?: Tensor } } | undefined {
    const attrs = (st: StepInfo) => ({ alpha: st.lr / (1 - this.beta1 ** st.t), beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon });
    if (this.fused("adamax", p, g, [s.m, s.u], attrs, { lr, t })) return undefined;
    const out = adamaxUpdate(p, g, s, { lr, t, beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon });
    return { p: out.p, slots: { m: out.m, u: out.u } };
  }

  protected hyperparameters(): Record<string, unknown> {
    return { beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon };
  }
}

/**
 * `bp.optimizers.adamax({ learningRate: 0.002 })`.
 *
 * @example
 * const opt = bp.optimizers.adamax({ learningRate: 0.002 });
 * opt.currentLearningRate();   // => 0.002
 */
export function adamax(options: AdamaxOptions = {}): Adamax {
  return new Adamax(options);
}
