/**
 * Recording state. Ops are recorded only while a gradient is being taken (inside grad, valueAndGrad,
 * jacobian…) and only when an input requires a gradient, so plain inference costs nothing. Nested
 * gradient calls keep recording while the inner backward pass runs, which is what makes gradients of
 * gradients work: the inner vjps are themselves ops on the outer tape.
 */
import { setTapeHold } from "../tensor/engine.js";
let gradDepth = 0;
let noGradDepth = 0;

export function isRecording(): boolean {
  return gradDepth > 0 && noGradDepth === 0;
}

export function gradientDepth(): number {
  return gradDepth;
}

export function enterGrad(): void {
  gradDepth++;
}

export function exitGrad(): void {
  gradDepth--;
}

/**
 * Runs `fn` without recording anything for autodiff.
 *
 *   const y = bp.noGrad(() => model.apply(x));
 */
export function noGrad<T>(fn: () => T): T {
  noGradDepth++;
  try {
    return fn();
  } finally {
    noGradDepth--;
  }
}

// a `tidy` inside a function being differentiated must not free what the backward pass needs
setTapeHold(isRecording);
