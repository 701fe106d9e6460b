/**
 * Adadelta: step sizes from the ratio of running RMS of past updates to running RMS of gradients.
 *
 *   bp.optimizers.adadelta();   // learningRate 1, rho 0.95
 */
import type { Tensor, Variable } from "../tensor/tensor.js";
import { nonNegative, unit } from "./hyper.js";
import { Optimizer, type OptimizerOptions, type StepInfo } from "./optimizer.js";

/**
 * Options of adadelta: learning rate, rho and epsilon.
 *
 * @example
 * const options: bp.optimizers.AdadeltaOptions = { learningRate: 1, rho: 0.9, epsilon: 1e-7 };
 * bp.optimizers.adadelta(options).rho;   // => 0.9
 */
export interface AdadeltaOptions extends OptimizerOptions {
  /**
   * Default 1, as TensorFlow.js's compile("adadelta") and the original method (which has no learning
   * rate); tf.train.adadelta and Keras 3 default to 0.001.
   */
  learningRate?: OptimizerOptions["learningRate"];
  /** Decay of both running averages; default 0.95. */
  rho?: number;
  /** Default 1e-7. */
  epsilon?: number;
}

/**
 * a ← ρ·a + (1 − ρ)·g²
 * Δ = −√(d + ε) / √(a + ε) · g
 * d ← ρ·d + (1 − ρ)·Δ²
 * p ← p + lr·Δ
 *
 * @example
 * const out = bp.optimizers.adadeltaUpdate(bp.tensor([1]), bp.tensor([0.5]), { accumulatedGrad: bp.zeros([1]), accumulatedDelta: bp.zeros([1]) }, { lr: 1, rho: 0.95, epsilon: 1e-6 });
 * out.p.item() < 1;   // => true
 */
export function adadeltaUpdate(
  p: Tensor,
  g: Tensor,
  s: { accumulatedGrad: Tensor; accumulatedDelta: Tensor },
  h: { lr: number; rho: number; epsilon: number },
): { p: Tensor; accumulatedGrad: Tensor; accumulatedDelta: Tensor } {
  const accumulatedGrad = s.accumulatedGrad.mul(h.rho).add(g.square().mul(1 - h.rho));
  const delta = s.accumulatedDelta
    .add(h.epsilon)
    .sqrt()
    .div(accumulatedGrad.add(h.epsilon).sqrt())
    .mul(g)
    .neg();
  const accumulatedDelta = s.accumulatedDelta.mul(h.rho).add(delta.square().mul(1 - h.rho));
  return { p: p.add(delta.mul(h.lr)), accumulatedGrad, accumulatedDelta };
}

type Slot = "accumulatedGrad" | "accumulatedDelta";

/**
 * Adadelta: steps scaled by running averages of squared gradients and squared updates.
 *
 * @example
 * const w = bp.variable(bp.tensor([1]));
 * const opt = new bp.optimizers.Adadelta({ rho: 0.95 });
 * opt.minimize(() => w.square().sum(), [w]);
 * w.item() < 1;   // => true
 */
export class Adadelta extends Optimizer<Slot> {
  static override className = "Adadelta";
  readonly rho: number;
  readonly epsilon: number;
  protected readonly slotNames = ["accumulatedGrad", "accumulatedDelta"] as const;

  constructor(options: AdadeltaOptions = {}) {
    super(options, { learningRate: 1 }, ["rho", "epsilon"]);
    this.rho = unit("Adadelta", "rho", options.rho, 0.95, true);
    this.epsilon = nonNegative("Adadelta", "epsilon", options.epsilon, 1e-7);
  }

  protected update(
    p: Variable,
    g: Tensor,
    s: Record<Slot, Tensor>,
    { lr, t }: StepInfo,
  ): { p: Tensor; slots: Partial<Record<Slot, Tensor>> } | undefined {
    const attrs = (st: StepInfo) => ({ lr: st.lr, rho: this.rho, epsilon: this.epsilon });
    if (this.fused("adadelta", p, g, [s.accumulatedGrad, s.accumulatedDelta], attrs, { lr, t })) return undefined;
    const { p: pNext, ...slots } = adadeltaUpdate(p, g, s, { lr, rho: this.rho, epsilon: this.epsilon });
    return { p: pNext, slots };
  }

  protected hyperparameters(): Record<string, unknown> {
    return { rho: this.rho, epsilon: this.epsilon };
  }
}

/**
 * `bp.optimizers.adadelta({ learningRate: 1 })`.
 *
 * @example
 * const w = bp.variable(bp.tensor([3]));
 * const opt = bp.optimizers.adadelta({ learningRate: 1, rho: 0.95, epsilon: 1e-6 });
 * for (let i = 0; i < 10; i++) opt.minimize(() => w.sub(1).square().sum(), [w]);
 * w.item() < 3;   // => true
 */
export function adadelta(options: AdadeltaOptions = {}): Adadelta {
  return new Adadelta(options);
}
