/**
 * Value and gradients of a loss with respect to every trainable variable it reads — what
 * `optimizer.minimize(lossFn)` uses when no variable list is given (TensorFlow.js's default) — or
 * to the variables given.
 */
import { isFloat } from "../backend/dtype.js";
import { DTypeError, fmtShape, ShapeError, ValueError } from "../errors.js";
import { backward } from "../autograd/backward.js";
import { valueAndGrads } from "../autograd/grad.js";
import { enterGrad, exitGrad } from "../autograd/tape.js";
import { Tensor, Variable } from "../tensor/tensor.js";

/** Trainable variables the recorded graph of `y` reads, in the order first met. */
function trainableInputs(y: Tensor): Variable[] {
  const found: Variable[] = [];
  const seen = new Set<Tensor>();
  const stack: Tensor[] = [y];
  while (stack.length > 0) {
    const t = stack.pop() as Tensor;
    if (seen.has(t)) continue;
    seen.add(t);
    if (t instanceof Variable && t.trainable) found.push(t);
    if (t.node) for (let i = t.node.inputs.length - 1; i >= 0; i--) stack.push(t.node.inputs[i] as Tensor);
  }
  return found;
}

export function valueAndTrainableGrads(
  op: string,
  lossFn: () => Tensor,
): { value: Tensor; grads: Tensor[]; variables: Variable[] } {
  let value: Tensor;
  enterGrad();
  try {
    value = lossFn();
  } finally {
    exitGrad();
  }
  if (!(value instanceof Tensor))
    throw new ValueError(`${op}: the loss function must return a Tensor, got ${typeof value}`);
  if (!isFloat(value.dtype))
    throw new DTypeError(
      `${op}: the loss function returned an ${value.dtype} tensor; expected a float scalar`,
    );
  const variables = trainableInputs(value);
  if (variables.length === 0) {
    throw new ValueError(
      `${op}: the loss does not depend on any trainable variable; pass the variables: minimize(lossFn, [w, b])`,
    );
  }
  // recording is off now: the backward pass builds no graph of its own
  const grads = backward(value, variables);
  value.node = undefined;
  value.requiresGrad = false;
  return { value, grads, variables };
}

/** minimize's gradients: of the scalar loss, with respect to `vars` or else every trainable variable it reads. */
export function lossAndGrads(
  op: string,
  lossFn: () => Tensor,
  vars: readonly Variable[] | undefined,
): { loss: number; grads: Tensor[]; variables: readonly Variable[] } {
  if (typeof lossFn !== "function") throw new ValueError(`${op}: expected a function returning the loss`);
  let out: { value: Tensor; grads: Tensor[]; variables: readonly Variable[] };
  if (vars === undefined) out = valueAndTrainableGrads(op, lossFn);
  else {
    if (!Array.isArray(vars) || vars.some((v) => !(v instanceof Variable))) {
      throw new ValueError(`${op}: vars must be an array of Variables (bp.variable(...))`);
    }
    out = { ...valueAndGrads(lossFn, vars), variables: vars };
  }
  if (out.value.size !== 1)
    throw new ShapeError(`${op}: the loss must be a scalar, got shape ${fmtShape(out.value.shape)}`);
  return { loss: out.value.item(), grads: out.grads, variables: out.variables };
}
