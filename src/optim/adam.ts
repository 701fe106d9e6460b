/**
 * Adam (Kingma & Ba), optionally AMSGrad, with Keras 3's placement of ε; AdamW is the same rule
 * with decoupled weight decay (Loshchilov & Hutter), applied by the base class before the update.
 *
 *   bp.optimizers.adam({ learningRate: 1e-3 });
 *   bp.optimizers.adamw({ learningRate: 1e-3, weightDecay: 0.004 });
 */
import type { Tensor, Variable } from "../tensor/tensor.js";
import { bool, nonNegative, unit } from "./hyper.js";
import { Optimizer, type OptimizerOptions, type StepInfo } from "./optimizer.js";

/**
 * Options of adam and adamw: learning rate, beta1, beta2, epsilon, amsgrad.
 *
 * @example
 * const options: bp.optimizers.AdamOptions = { learningRate: 3e-4, beta1: 0.9, beta2: 0.98, epsilon: 1e-9, amsgrad: true };
 * bp.optimizers.adam(options).amsgrad;   // => true
 */
export interface AdamOptions extends OptimizerOptions {
  /** Default 0.001. */
  learningRate?: OptimizerOptions["learningRate"];
  /** Decay of the first moment, in [0, 1); default 0.9. */
  beta1?: number;
  /** Decay of the second moment, in [0, 1); default 0.999. */
  beta2?: number;
  /** Default 1e-7. */
  epsilon?: number;
  /** Keep the largest second moment seen (AMSGrad); default false. */
  amsgrad?: boolean;
}

type Slot = "m" | "v" | "vhat";

/**
 * m ← β1·m + (1 − β1)·g
 * v ← β2·v + (1 − β2)·g²
 * amsgrad: v̂ ← max(v̂, v), used instead of v below
 * α = lr·√(1 − β2ᵗ) / (1 − β1ᵗ)
 * p ← p − α·m / (√v + ε)
 *
 * @example
 * const out = bp.optimizers.adamUpdate(bp.tensor([1]), bp.tensor([2]), { m: bp.zeros([1]), v: bp.zeros([1]) }, { lr: 0.1, t: 1, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });
 * out.p;   // => [0.9]
 * out.m;   // => [0.2]
 */
export function adamUpdate(
  p: Tensor,
  g: Tensor,
  s: { m: Tensor; v: Tensor; vhat?: Tensor },
  h: { lr: number; t: number; beta1: number; beta2: number; epsilon: number },
): { p: Tensor; m: Tensor; v: Tensor; vhat?: Tensor } {
  const m = s.m.mul(h.beta1).add(g.mul(1 - h.beta1));
  const v = s.v.mul(h.beta2).add(g.square().mul(1 - h.beta2));
  const vhat = s.vhat?.maximum(v);
  const alpha = (h.lr * Math.sqrt(1 - h.beta2 ** h.t)) / (1 - h.beta1 ** h.t);
  const pNext = p.sub(m.mul(alpha).div((vhat ?? v).sqrt().add(h.epsilon)));
  return { p: pNext, m, v, vhat };
}


/**
 * Adam: steps from bias-corrected running means of the gradient and its square (amsgrad optional).
 *
 * @example
 * const w = bp.variable(bp.tensor([1, -1]));
 * new bp.optimizers.Adam({ learningRate: 0.1 }).minimize(() => w.square().sum(), [w]);
 * w;   // => [0.9, -0.9]
 */
export class Adam extends Optimizer<Slot> {
  static override className = "Adam";
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly amsgrad: boolean;
  protected readonly slotNames: readonly Slot[];

  constructor(
    options: AdamOptions = {},
    defaults: { learningRate: number; weightDecay?: number } = { learningRate: 0.001 },
  ) {
    super(options, defaults, ["beta1", "beta2", "epsilon", "amsgrad"]);
    const op = this.className;
    this.beta1 = unit(op, "beta1", options.beta1, 0.9);
    this.beta2 = unit(op, "beta2", options.beta2, 0.999);
    this.epsilon = nonNegative(op, "epsilon", options.epsilon, 1e-7);
    this.amsgrad = bool(op, "amsgrad", options.amsgrad, false);
    this.slotNames = this.amsgrad ? ["m", "v", "vhat"] : ["m", "v"];
  }

  protected update(
    p: Variable,
    g: Tensor,
    s: Record<Slot, Tensor>,
    { lr, t }: StepInfo,
  ): { p: Tensor; slots: Partial<Record<Slot, Tensor>> } | undefined {
    // one pass over the parameter: the backend's rule updates p and the slot variables m and v in place
    const hyper = (st: StepInfo) => ({
      alpha: (st.lr * Math.sqrt(1 - this.beta2 ** st.t)) / (1 - this.beta1 ** st.t), beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon,
    });
    if (!this.amsgrad && this.fused("adam", p, g, [s.m, s.v], hyper, { lr, t })) return undefined;
    const state = { m: s.m, v: s.v, vhat: this.amsgrad ? s.vhat : undefined };
    const out = adamUpdate(p, g, state, {
      lr,
      t,
      beta1: this.beta1,
      beta2: this.beta2,
      epsilon: this.epsilon,
    });
    return { p: out.p, slots: { m: out.m, v: out.v, vhat: out.vhat } };
  }

  protected hyperparameters(): Record<string, unknown> {
    return { beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon, amsgrad: this.amsgrad };
  }
}

/**
 * Adam with decoupled weight decay; weightDecay defaults to 0.004 (Keras 3).
 *
 * @example
 * const w = bp.variable(bp.tensor([1]));
 * new bp.optimizers.AdamW({ learningRate: 0.1, weightDecay: 0.1 }).minimize(() => w.mul(0).sum(), [w]);   // a zero gradient: only the decay acts
 * w;   // => [0.99]
 */
export class AdamW extends Adam {
  static override className = "AdamW";

  constructor(options: AdamOptions = {}) {
    super(options, { learningRate: 0.001, weightDecay: 0.004 });
  }
}

/**
 * `bp.optimizers.adam({ learningRate: 0.01 })`.
 *
 * @example
 * const w = bp.variable(bp.tensor([0]));
 * const opt = bp.optimizers.adam({ learningRate: 0.1 });
 * for (let i = 0; i < 200; i++) opt.minimize(() => w.sub(3).square().sum(), [w]);
 * Math.abs(w.item() - 3) < 0.05;   // => true
 */
export function adam(options: AdamOptions = {}): Adam {
  return new Adam(options);
}

/**
 * `bp.optimizers.adamw({ learningRate: 1e-3, weightDecay: 0.01 })`.
 *
 * @example
 * const opt = bp.optimizers.adamw({ learningRate: 1e-3, weightDecay: 0.004 });
 * opt.className;   // => "AdamW"
 */
export function adamw(options: AdamOptions = {}): AdamW {
  return new AdamW(options);
}
