/**
 * RMSprop: divides the step by a running root mean square of the gradients; optionally centered
 * (subtracts the squared running mean) and with momentum. Keras 3's rule.
 *
 *   bp.optimizers.rmsprop({ learningRate: 1e-3, momentum: 0.9, centered: true });
 */
import type { Tensor, Variable } from "../tensor/tensor.js";
import { bool, nonNegative, unit } from "./hyper.js";
import { Optimizer, type OptimizerOptions, type StepInfo } from "./optimizer.js";

/**
 * Options of rmsprop: learning rate, rho, momentum, epsilon, centered.
 *
 * @example
 * const options: bp.optimizers.RMSpropOptions = { learningRate: 0.001, rho: 0.95, centered: false };
 * bp.optimizers.rmsprop(options).rho;   // => 0.95
 */
export interface RMSpropOptions extends OptimizerOptions {
  /** Default 0.001. */
  learningRate?: OptimizerOptions["learningRate"];
  /** Decay of the running averages (TensorFlow.js calls it `decay`); default 0.9. */
  rho?: number;
  /** Default 0. */
  momentum?: number;
  /** Default 1e-7. */
  epsilon?: number;
  /** Normalize by the variance instead of the second moment; default false. */
  centered?: boolean;
}

type Slot = "velocity" | "averageGradient" | "momentum";

/**
 * v ← ρ·v + (1 − ρ)·g²
 * centered: ḡ ← ρ·ḡ + (1 − ρ)·g;  d = v − ḡ² + ε;  otherwise d = v + ε
 * Δ = lr·g / √d
 * momentum μ > 0: m ← μ·m + Δ;  p ← p − m;  otherwise p ← p − Δ
 *
 * @example
 * const { p, slots } = bp.optimizers.rmspropUpdate(bp.tensor([1]), bp.tensor([2]), { velocity: bp.zeros([1]) }, { lr: 0.1, rho: 0.9, momentum: 0, epsilon: 1e-7 });
 * slots.velocity;   // => [0.4]
 * p.item() < 1;   // => true
 */
export function rmspropUpdate(
  p: Tensor,
  g: Tensor,
  s: { velocity: Tensor; averageGradient?: Tensor; momentum?: Tensor },
  h: { lr: number; rho: number; momentum: number; epsilon: number },
): { p: Tensor; slots: Partial<Record<Slot, Tensor>> } {
  const velocity = s.velocity.mul(h.rho).add(g.square().mul(1 - h.rho));
  const averageGradient = s.averageGradient?.mul(h.rho).add(g.mul(1 - h.rho));
  const denominator = averageGradient
    ? velocity.sub(averageGradient.square()).add(h.epsilon)
    : velocity.add(h.epsilon);
  const increment = g.mul(h.lr).div(denominator.sqrt());
  const momentum = s.momentum?.mul(h.momentum).add(increment);
  return { p: p.sub(momentum ?? increment), slots: { velocity, averageGradient, momentum } };
}

/**
 * RMSprop: steps divided by the root of a running mean of squared gradients (momentum, centered optional).
 *
 * @example
 * const w = bp.variable(bp.tensor([1]));
 * new bp.optimizers.RMSprop({ learningRate: 0.01 }).minimize(() => w.square().sum(), [w]);
 * w.item() < 1;   // => true
 */
export class RMSprop extends Optimizer<Slot> {
  static override className = "RMSprop";
  readonly rho: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly centered: boolean;
  protected readonly slotNames: readonly Slot[];

  constructor(options: RMSpropOptions = {}) {
    super(options, { learningRate: 0.001 }, ["rho", "momentum", "epsilon", "centered"]);
    this.rho = unit("RMSprop", "rho", options.rho, 0.9, true);
    this.momentum = unit("RMSprop", "momentum", options.momentum, 0, true);
    this.epsilon = nonNegative("RMSprop", "epsilon", options.epsilon, 1e-7);
    this.centered = bool("RMSprop", "centered", options.centered, false);
    const slots: Slot[] = ["velocity"];
    if (this.centered) slots.push("averageGradient");
    if (this.momentum > 0) slots.push("momentum");
    this.slotNames = slots;
  }

  protected update(
    p: Variable,
    g: Tensor,
    s: Record<Slot, Tensor>,
    { lr, t }: StepInfo,
  ): { p: Tensor; slots: Partial<Record<Slot, Tensor>> } | undefined {
    const present = {
      velocity: s.velocity,
      averageGradient: this.centered ? s.averageGradient : undefined,
      momentum: this.momentum > 0 ? s.momentum : undefined,
    };
    const slots = [present.velocity, present.averageGradient, present.momentum].filter((t) => t !== undefined);
    const attrs = (st: StepInfo) => ({ lr: st.lr, rho: this.rho, epsilon: this.epsilon, momentum: this.momentum, centered: this.centered });
    if (this.fused("rmsprop", p, g, slots, attrs, { lr, t })) return undefined;
    return rmspropUpdate(p, g, present, {
      lr,
      rho: this.rho,
      momentum: this.momentum,
      epsilon: this.epsilon,
    });
  }

  protected hyperparameters(): Record<string, unknown> {
    return { rho: this.rho, momentum: this.momentum, epsilon: this.epsilon, centered: this.centered };
  }
}

/**
 * `bp.optimizers.rmsprop({ learningRate: 1e-3 })`.
 *
 * @example
 * const opt = bp.optimizers.rmsprop({ learningRate: 1e-3, rho: 0.9, momentum: 0.9, centered: true });
 * opt.centered;   // => true
 */
export function rmsprop(options: RMSpropOptions = {}): RMSprop {
  return new RMSprop(options);
}
