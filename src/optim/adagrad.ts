/**
 * Adagrad: per-element step sizes that shrink with the sum of squared gradients seen so far.
 *
 *   bp.optimizers.adagrad({ learningRate: 0.1 });
 */
import { full } from "../tensor/creation.js";
import type { Tensor, Variable } from "../tensor/tensor.js";
import { nonNegative } from "./hyper.js";
import { Optimizer, type OptimizerOptions, type StepInfo } from "./optimizer.js";

/**
 * Options of adagrad: learning rate and the accumulator's initial value.
 *
 * @example
 * const options: bp.optimizers.AdagradOptions = { learningRate: 0.01, initialAccumulatorValue: 0.1 };
 * bp.optimizers.adagrad(options).initialAccumulatorValue;   // => 0.1
 */
export interface AdagradOptions extends OptimizerOptions {
  /** Default 0.01 (TensorFlow.js's "adagrad"). */
  learningRate?: OptimizerOptions["learningRate"];
  /** Starting value of the accumulator; default 0.1. */
  initialAccumulatorValue?: number;
  /** Default 1e-7. */
  epsilon?: number;
}

/**
 * a ← a + g²
 * p ← p − lr·g / √(a + ε)
 *
 * @example
 * const { p, a } = bp.optimizers.adagradUpdate(bp.tensor([1]), bp.tensor([2]), bp.zeros([1]), { lr: 0.1, epsilon: 0 });
 * a;   // => [4]
 * p;   // => [0.9]
 */
export function adagradUpdate(
  p: Tensor,
  g: Tensor,
  a: Tensor,
  h: { lr: number; epsilon: number },
): { p: Tensor; a: Tensor } {
  const aNext = a.add(g.square());
  return { p: p.sub(g.mul(h.lr).div(aNext.add(h.epsilon).sqrt())), a: aNext };
}

/**
 * Adagrad: steps divided by the root of the sum of squared gradients so far.
 *
 * @example
 * const w = bp.variable(bp.tensor([1]));
 * new bp.optimizers.Adagrad({ learningRate: 0.1, initialAccumulatorValue: 0 }).minimize(() => w.square().sum(), [w]);
 * w.item();   // => 0.9
 */
export class Adagrad extends Optimizer<"accumulator"> {
  static override className = "Adagrad";
  readonly initialAccumulatorValue: number;
  readonly epsilon: number;
  protected readonly slotNames = ["accumulator"] as const;

  constructor(options: AdagradOptions = {}) {
    super(options, { learningRate: 0.01 }, ["initialAccumulatorValue", "epsilon"]);
    this.initialAccumulatorValue = nonNegative(
      "Adagrad",
      "initialAccumulatorValue",
      options.initialAccumulatorValue,
      0.1,
    );
    this.epsilon = nonNegative("Adagrad", "epsilon", options.epsilon, 1e-7);
  }

  protected override initialSlot(_slot: "accumulator", variable: Variable): Tensor {
    return full(variable.shape, this.initialAccumulatorValue, variable.dtype);
  }

  protected update(
    p: Variable,
    g: Tensor,
    s: { accumulator: Tensor },
    { lr, t }: StepInfo,
  ): { p: Tensor; slots: { accumulator?: Tensor } } | undefined {
    if (this.fused("adagrad", p, g, [s.accumulator], (st) => ({ lr: st.lr, epsilon: this.epsilon }), { lr, t })) return undefined;
    const out = adagradUpdate(p, g, s.accumulator, { lr, epsilon: this.epsilon });
    return { p: out.p, slots: { accumulator: out.a } };
  }

  protected hyperparameters(): Record<string, unknown> {
    return { initialAccumulatorValue: this.initialAccumulatorValue, epsilon: this.epsilon };
  }
}

/**
 * `bp.optimizers.adagrad({ learningRate: 0.1 })`.
 *
 * @example
 * const w = bp.variable(bp.tensor([1, 1]));
 * const opt = bp.optimizers.adagrad({ learningRate: 0.5, initialAccumulatorValue: 0 });
 * opt.minimize(() => w.mul(bp.tensor([1, 100])).sum(), [w]);   // per-coordinate steps: both move by 0.5
 * w;   // => [0.5, 0.5]
 */
export function adagrad(options: AdagradOptions = {}): Adagrad {
  return new Adagrad(options);
}
