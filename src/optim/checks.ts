/** Checks of what applyGradients and setState receive: every bad input is an error naming the variable and shapes. */
import { fmtShape, ShapeError, ValueError } from "../errors.js";
import { Tensor, Variable } from "../tensor/tensor.js";

/**
 * A parameter and its gradient, as applyGradients takes them.
 *
 * @example
 * const w = bp.variable(bp.tensor([1, 2]));
 * const pair: bp.optimizers.GradientPair = { variable: w, grad: bp.tensor([1, 1]) };
 * bp.optimizers.sgd({ learningRate: 0.5 }).applyGradients([pair]);
 * w;   // => [0.5, 1.5]
 */
export interface GradientPair {
  variable: Variable;
  /** null / undefined: the variable is skipped. */
  grad: Tensor | null | undefined;
}

export function checkSlotShape(op: string, name: string, value: Tensor, like: Tensor): void {
  if (value.rank !== like.rank || value.shape.some((d, i) => d !== like.shape[i])) {
    throw new ShapeError(
      `${op}: state "${name}" has shape ${fmtShape(value.shape)}; the variable has shape ${fmtShape(like.shape)}`,
    );
  }
}

/** The pairs with a gradient, checked: Variables, matching shapes, no variable twice. */
export function checkPairs(op: string, pairs: readonly GradientPair[]): [Variable, Tensor][] {
  const seen = new Set<Variable>();
  const live: [Variable, Tensor][] = [];
  pairs.forEach((pair, i) => {
    const { variable, grad } = pair ?? {};
    if (!(variable instanceof Variable))
      throw new ValueError(`${op}: pair ${i} has no Variable (got ${String(variable)})`);
    if (seen.has(variable)) throw new ValueError(`${op}: variable "${variable.name}" appears twice`);
    seen.add(variable);
    if (grad === null || grad === undefined) return;
    if (!(grad instanceof Tensor))
      throw new ValueError(`${op}: the gradient of "${variable.name}" must be a Tensor`);
    if (grad.rank !== variable.rank || grad.shape.some((d, k) => d !== variable.shape[k])) {
      throw new ShapeError(
        `${op}: gradient shape ${fmtShape(grad.shape)} differs from variable "${variable.name}" shape ${fmtShape(variable.shape)}`,
      );
    }
    live.push([variable, grad]);
  });
  return live;
}
