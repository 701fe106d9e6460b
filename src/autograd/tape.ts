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

/** Recording states suspended by a gradient call made inside noGrad. */
const suspended: [number, number][] = [];

/**
 * Starts a gradient call. Inside noGrad it starts a fresh, independent recording (the caller asked
 * for a gradient explicitly, and whatever encloses the noGrad must not see it).
 */
export function enterGrad(): void {
  if (noGradDepth > 0) {
    suspended.push([gradDepth, noGradDepth]);
    gradDepth = 0;
    noGradDepth = 0;
  }
  gradDepth++;
}

export function exitGrad(): void {
  gradDepth--;
  if (gradDepth === 0 && suspended.length > 0) [gradDepth, noGradDepth] = suspended.pop() as [number, number];
}

/**
 * Runs `fn` without recording anything for autodiff.
 *
 * @example
 * const x = bp.tensor([1, 2, 3]);
 * const f = (x: bp.Tensor) => bp.noGrad(() => x.mul(10)).add(x).sum();   // the noGrad part is a constant
 * bp.grad(f)(x);   // => [1, 1, 1]
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
