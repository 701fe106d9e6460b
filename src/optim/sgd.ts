/**
 * Stochastic gradient descent, with optional (Nesterov) momentum — Keras 3's rule.
 *
 *   bp.optimizers.sgd({ learningRate: 0.1, momentum: 0.9, nesterov: true });
 */
import type { Tensor, Variable } from "../tensor/tensor.js";
import { bool, unit } from "./hyper.js";
import { Optimizer, type OptimizerOptions, type StepInfo } from "./optimizer.js";

/**
 * Options of sgd: learning rate, momentum, nesterov.
 *
 * @example
 * const options: bp.optimizers.SGDOptions = { learningRate: 0.05, momentum: 0.9 };
 * bp.optimizers.sgd(options).momentum;   // => 0.9
 */
export interface SGDOptions extends OptimizerOptions {
  /** Default 0.01 (TensorFlow.js's "sgd"). */
  learningRate?: OptimizerOptions["learningRate"];
  /** μ in [0, 1]; default 0 (no momentum, no slot). */
  momentum?: number;
  /** Look ahead along the velocity; default false. */
  nesterov?: boolean;
}

/**
 * plain:     p ← p − lr·g
 * momentum:  v ← μ·v − lr·g;  p ← p + v
 * nesterov:  v ← μ·v − lr·g;  p ← p + μ·v − lr·g
 *
 * @example
 * const { p, v } = bp.optimizers.sgdUpdate(bp.tensor([1]), bp.tensor([2]), bp.zeros([1]), { lr: 0.1, momentum: 0.9, nesterov: false });
 * v;   // => [-0.2]
 * p;   // => [0.8]
 */
export function sgdUpdate(
  p: Tensor,
  g: Tensor,
  v: Tensor | undefined,
  h: { lr: number; momentum: number; nesterov: boolean },
): { p: Tensor; v?: Tensor } {
  if (v === undefined) return { p: p.sub(g.mul(h.lr)) };
  const vNext = v.mul(h.momentum).sub(g.mul(h.lr));
  const pNext = h.nesterov ? p.add(vNext.mul(h.momentum)).sub(g.mul(h.lr)) : p.add(vNext);
  return { p: pNext, v: vNext };
}

/**
 * Stochastic gradient descent, with momentum and Nesterov momentum optional.
 *
 * @example
 * const w = bp.variable(bp.tensor([1]));
 * new bp.optimizers.SGD({ learningRate: 0.1 }).minimize(() => w.square().sum(), [w]);   // w ← w − 0.1 · 2w
 * w;   // => [0.8]
 */
export class SGD extends Optimizer<"velocity"> {
  static override className = "SGD";
  readonly momentum: number;
  readonly nesterov: boolean;
  protected readonly slotNames: readonly "velocity"[];

  constructor(options: SGDOptions = {}) {
    super(options, { learningRate: 0.01 }, ["momentum", "nesterov"]);
    this.momentum = unit("SGD", "momentum", options.momentum, 0, true);
    this.nesterov = bool("SGD", "nesterov", options.nesterov, false);
    this.slotNames = this.momentum > 0 ? ["velocity"] : [];
  }

  protected update(
    p: Variable,
    g: Tensor,
    s: { velocity: Tensor },
    { lr, t }: StepInfo,
  ): { p: Tensor; slots: { velocity?: Tensor } } | undefined {
    // one pass over the parameter (the backend's rule updates p and the velocity in place)
    const fused = this.momentum > 0
      ? this.fused("momentum", p, g, [s.velocity], (st) => ({ lr: st.lr, momentum: this.momentum, nesterov: this.nesterov }), { lr, t })
      : this.fused("sgd", p, g, [], (st) => ({ lr: st.lr }), { lr, t });
    if (fused) return undefined;
    const out = sgdUpdate(p, g, this.momentum > 0 ? s.velocity : undefined, {
      lr,
      momentum: this.momentum,
      nesterov: this.nesterov,
    });
    return { p: out.p, slots: { velocity: out.v } };
  }

  protected hyperparameters(): Record<string, unknown> {
    return { momentum: this.momentum, nesterov: this.nesterov };
  }
}

/**
 * `bp.optimizers.sgd({ learningRate: 0.1, momentum: 0.9 })`.
 *
 * @example
 * const w = bp.variable(bp.tensor([1]));
 * const opt = bp.optimizers.sgd({ learningRate: 0.1, momentum: 0.9, nesterov: true });
 * opt.minimize(() => w.square().sum(), [w]);
 * w.item() < 1;   // => true
 */
export function sgd(options: SGDOptions = {}): SGD {
  return new SGD(options);
}
