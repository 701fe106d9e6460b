/**
 * Nadam: Adam with Nesterov momentum, using Keras 3's momentum schedule
 * μₜ = β1·(1 − ½·0.96ᵗ) and the running product Πμ.
 *
 *   bp.optimizers.nadam({ learningRate: 1e-3 });
 */
import type { Tensor, Variable } from "../tensor/tensor.js";
import { nonNegative, unit } from "./hyper.js";
import { Optimizer, type OptimizerOptions, type StepInfo } from "./optimizer.js";

/**
 * Options of nadam: learning rate, beta1, beta2, epsilon.
 *
 * @example
 * const options: bp.optimizers.NadamOptions = { learningRate: 0.001, epsilon: 1e-8 };
 * bp.optimizers.nadam(options).epsilon;   // => 1e-8
 */
export interface NadamOptions extends OptimizerOptions {
  /** Default 0.001 (Keras 3). */
  learningRate?: OptimizerOptions["learningRate"];
  /** Default 0.9. */
  beta1?: number;
  /** Default 0.999. */
  beta2?: number;
  /** Default 1e-7. */
  epsilon?: number;
}

/**
 * Keras 3's momentum at step t: β1·(1 − ½·0.96ᵗ).
 *
 * @example
 * bp.optimizers.nadamMomentum(0.9, 1);   // => 0.468
 */
export const nadamMomentum = (beta1: number, t: number): number => beta1 * (1 - 0.5 * 0.96 ** t);

/**
 * With μₜ, μₜ₊₁ from nadamMomentum and P = μ₁·…·μₜ:
 * m ← β1·m + (1 − β1)·g;  v ← β2·v + (1 − β2)·g²
 * m̂ = μₜ₊₁·m / (1 − P·μₜ₊₁) + (1 − μₜ)·g / (1 − P);  v̂ = v / (1 − β2ᵗ)
 * p ← p − lr·m̂ / (√v̂ + ε)
 *
 * @example
 * const out = bp.optimizers.nadamUpdate(bp.tensor([1]), bp.tensor([2]), { m: bp.zeros([1]), v: bp.zeros([1]) }, { lr: 0.1, t: 1, uProduct: bp.optimizers.nadamMomentum(0.9, 1), beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });
 * out.p.item() < 1;   // => true
 */
export function nadamUpdate(
  p: Tensor,
  g: Tensor,
  s: { m: Tensor; v: Tensor },
  h: { lr: number; t: number; uProduct: number; beta1: number; beta2: number; epsilon: number },
): { p: Tensor; m: Tensor; v: Tensor } {
  const ut = nadamMomentum(h.beta1, h.t);
  const ut1 = nadamMomentum(h.beta1, h.t + 1);
  const m = s.m.mul(h.beta1).add(g.mul(1 - h.beta1));
  const v = s.v.mul(h.beta2).add(g.square().mul(1 - h.beta2));
  const mHat = m.mul(ut1 / (1 - h.uProduct * ut1)).add(g.mul((1 - ut) / (1 - h.uProduct)));
  const vHat = v.div(1 - h.beta2 ** h.t);
  return { p: p.sub(mHat.mul(h.lr).div(vHat.sqrt().add(h.epsilon))), m, v };
}

/**
 * Nadam: Adam with Nesterov momentum.
 *
 * @example
 * const w = bp.variable(bp.tensor([1]));
 * new bp.optimizers.Nadam({ learningRate: 0.1 }).minimize(() => w.square().sum(), [w]);
 * w.item() < 1;   // => true
 */
export class Nadam extends Optimizer<"m" | "v"> {
  static override className = "Nadam";
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  protected readonly slotNames = ["m", "v"] as const;
  /** Πμ up to `productStep`, extended or recomputed from iterations (so setState needs no extra entry). */
  private product = 1;
  private productStep = 0;

  constructor(options: NadamOptions = {}) {
    super(options, { learningRate: 0.001 }, ["beta1", "beta2", "epsilon"]);
    this.beta1 = unit("Nadam", "beta1", options.beta1, 0.9);
    this.beta2 = unit("Nadam", "beta2", options.beta2, 0.999);
    this.epsilon = nonNegative("Nadam", "epsilon", options.epsilon, 1e-7);
  }

  protected override beginStep({ t }: StepInfo): void {
    if (this.productStep > t) {
      this.product = 1;
      this.productStep = 0;
    }
    while (this.productStep < t) this.product *= nadamMomentum(this.beta1, ++this.productStep);
  }

  protected update(
    p: Variable,
    g: Tensor,
    s: { m: Tensor; v: Tensor },
    { lr, t }: StepInfo,
  ): { p: Tensor; slots: { m?: Tensor; v?: Tensor } } | undefined {
    const h = { lr, t, uProduct: this.product, beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon };
    const attrs = (st: StepInfo) => {
      const ut = nadamMomentum(this.beta1, st.t);
      const ut1 = nadamMomentum(this.beta1, st.t + 1);
      return {
        lr: st.lr, beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon,
        mScale: ut1 / (1 - this.product * ut1), gScale: (1 - ut) / (1 - this.product), vDiv: 1 - this.beta2 ** st.t,
      };
    };
    if (this.fused("nadam", p, g, [s.m, s.v], attrs, { lr, t })) return undefined;
    const out = nadamUpdate(p, g, s, h);
    return { p: out.p, slots: { m: out.m, v: out.v } };
  }

  protected hyperparameters(): Record<string, unknown> {
    return { beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon };
  }
}

/**
 * `bp.optimizers.nadam({ learningRate: 1e-3 })`.
 *
 * @example
 * const opt = bp.optimizers.nadam({ learningRate: 0.002, beta1: 0.9 });
 * opt.className;   // => "Nadam"
 */
export function nadam(options: NadamOptions = {}): Nadam {
  return new Nadam(options);
}
