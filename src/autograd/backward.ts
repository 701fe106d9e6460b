/**
 * The backward pass: walks the recorded graph from y back to the targets in reverse topological
 * order, calling each node's vjp and summing the gradients that meet at a tensor. vjps are ops, so
 * when an enclosing gradient is being taken they are recorded too (gradients of gradients).
 */
import { fmtShape, MemoryError, ShapeError } from "../errors.js";
import { onesLike, zerosLike } from "../tensor/creation.js";
import type { Tensor } from "../tensor/tensor.js";

/** Tensors on a path from a target to y, in topological order (inputs before outputs). */
function pathsFromTargets(y: Tensor, targets: ReadonlySet<Tensor>): Tensor[] {
  const depends = new Map<Tensor, boolean>();
  const order: Tensor[] = [];
  // iterative DFS (deep networks and long RNNs would overflow a recursive one)
  const stack: [Tensor, number][] = [[y, 0]];
  const onStack = new Set<Tensor>([y]);
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as [Tensor, number];
    const [t, next] = top;
    const inputs = targets.has(t) || !t.node ? [] : t.node.inputs;
    if (next < inputs.length) {
      top[1]++;
      const child = inputs[next] as Tensor;
      if (!depends.has(child) && !onStack.has(child)) {
        stack.push([child, 0]);
        onStack.add(child);
      }
      continue;
    }
    stack.pop();
    onStack.delete(t);
    const dep = targets.has(t) || inputs.some((c) => depends.get(c) === true);
    depends.set(t, dep);
    if (dep) order.push(t);
  }
  return order;
}

/** Gradients of y with respect to each target, seeded with dy (default: ones shaped like y). */
export function backward(y: Tensor, targets: readonly Tensor[], dy?: Tensor): Tensor[] {
  const targetSet = new Set(targets);
  const order = pathsFromTargets(y, targetSet);
  const grads = new Map<Tensor, Tensor>();
  if (dy && (dy.rank !== y.rank || dy.shape.some((d, i) => d !== y.shape[i]))) {
    throw new ShapeError(`grad: dy shape ${fmtShape(dy.shape)} differs from the output shape ${fmtShape(y.shape)}`);
  }
  if (order.length > 0) grads.set(y, dy ?? onesLike(y));
  for (let i = order.length - 1; i >= 0; i--) {
    const t = order[i] as Tensor;
    const g = grads.get(t);
    if (!g || !t.node || targetSet.has(t)) continue;
    if (t.isDisposed) {
      throw new MemoryError(
        `grad: the output of ${t.node.name} (shape ${fmtShape(t.shape)}) was disposed before the backward pass; do not dispose tensors inside the function being differentiated`,
      );
    }
    const inputGrads = t.node.vjp(g, t);
    t.node.inputs.forEach((input, k) => {
      const gi = inputGrads[k];
      if (!gi || !input.requiresGrad) return;
      if (gi.rank !== input.rank || gi.shape.some((d, j) => d !== input.shape[j])) {
        throw new ShapeError(`${t.node?.name ?? "op"}: internal error: gradient shape ${fmtShape(gi.shape)} for input ${fmtShape(input.shape)}`);
      }
      const prev = grads.get(input);
      const gc = gi.dtype === input.dtype ? gi : gi.cast(input.dtype);
      grads.set(input, prev ? prev.add(gc) : gc);
    });
  }
  return targets.map((t) => grads.get(t) ?? zerosLike(t));
}
