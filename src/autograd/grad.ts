/**
 * Reverse-mode autodiff: grad, grads, valueAndGrad, valueAndGrads, jacobian, hessian, checkGrad.
 *
 *   const f = (x: bp.Tensor) => x.mul(x).sum();
 *   bp.grad(f)(bp.tensor([1, 2, 3]));          // [2, 4, 6]
 */
import { isFloat } from "../backend/dtype.js";
import { DTypeError, fmtShape, ShapeError, ValueError } from "../errors.js";
import { tidy, tidyAll } from "../tensor/engine.js";
import { makeTensor, Tensor } from "../tensor/tensor.js";
import { backward } from "./backward.js";
import { record } from "./primitive.js";
import { enterGrad, exitGrad, gradientDepth } from "./tape.js";

/** A fresh handle on x (same storage) that gradients are taken with respect to; linked to x for outer gradients. */
function watch(x: Tensor, op: string): Tensor {
  if (!(x instanceof Tensor)) throw new ValueError(`${op}: expected a Tensor argument, got ${typeof x}`);
  if (!isFloat(x.dtype))
    throw new DTypeError(
      `${op}: cannot differentiate with respect to an ${x.dtype} tensor of shape ${fmtShape(x.shape)}; expected a float tensor`,
    );
  const alias = makeTensor(x.shape, x.dtype, undefined, x.storage);
  record("watch", alias, [x], {}, (g) => [g]);
  alias.requiresGrad = true;
  return alias;
}

/** Drops the graph from a result once the outermost gradient call returns. */
function detach(t: Tensor): Tensor {
  if (t.node) {
    t.node = undefined;
    t.requiresGrad = false;
  }
  return t;
}

/** The function's result must be a float tensor; a non-scalar one without dy is seeded with ones (the gradient of its sum), as in TensorFlow.js. */
function checkOutput(op: string, y: unknown): Tensor {
  if (!(y instanceof Tensor)) {
    throw new ValueError(`${op}: the function must return a Tensor, got ${typeof y}`);
  }
  if (!isFloat(y.dtype)) {
    throw new DTypeError(`${op}: the function returned an ${y.dtype} tensor; expected a float tensor`);
  }
  return y;
}

/**
 * Runs a gradient computation. The outermost one runs in a memory scope, so the forward pass's
 * intermediates and the backward pass's partial gradients are freed when it returns, with or without
 * an enclosing `tidy` (only the returned tensors survive; `bp.keep` saves others). Nested ones (a
 * gradient of a gradient) keep their graph alive for the enclosing backward pass.
 */
function scoped<T>(outermost: boolean, fn: () => T): T {
  return outermost ? tidyAll(fn) : fn();
}

/**
 * Core: value and gradients of f at xs (the arguments are watched), or w.r.t. `vars` when given.
 * Without `wantValue` the value is left in the scope, so it is freed with the other intermediates.
 */
function vjpCore(
  op: string,
  f: (...xs: Tensor[]) => Tensor,
  args: readonly Tensor[],
  vars: readonly Tensor[] | undefined,
  dy?: Tensor,
  wantValue = true,
): { value?: Tensor; grads: Tensor[] } {
  enterGrad();
  const outermost = gradientDepth() === 1;
  const restore: Tensor[] = [];
  try {
    return scoped(outermost, () => {
      const r = vjpRun(op, f, args, vars, dy, outermost, restore);
      return wantValue ? r : { grads: r.grads };
    });
  } finally {
    for (const v of restore) v.requiresGrad = false;
    exitGrad();
  }
}

function vjpRun(
  op: string,
  f: (...xs: Tensor[]) => Tensor,
  args: readonly Tensor[],
  vars: readonly Tensor[] | undefined,
  dy: Tensor | undefined,
  outermost: boolean,
  restore: Tensor[],
): { value: Tensor; grads: Tensor[] } {
  let targets: Tensor[];
  let value: Tensor;
  if (vars) {
    for (const v of vars) {
      if (!(v instanceof Tensor))
        throw new ValueError(`${op}: expected an array of Tensors to differentiate with respect to`);
      if (!v.requiresGrad) {
        v.requiresGrad = true;
        restore.push(v);
      }
    }
    targets = [...vars];
    value = checkOutput(op, f());
  } else {
    targets = args.map((x) => watch(x, op));
    value = checkOutput(op, f(...targets));
  }
  const grads = backward(value, targets, dy);
  if (outermost) {
    detach(value);
    grads.forEach(detach);
    if (!vars) targets.forEach((t) => (t.requiresGrad = false));
  }
  return { value, grads };
}

function checkArgs(op: string, xs: unknown): readonly Tensor[] {
  if (!Array.isArray(xs)) {
    throw new ValueError(`${op}: expected an array of tensors (one per argument of the function), got ${typeof xs}`);
  }
  return xs as Tensor[];
}

/**
 * The gradient function of f: `grad(f)(x, dy?)` has x's shape.
 *
 * @example
 * const f = (x: bp.Tensor) => x.mul(x).sum();   // f(x) = Σ x²
 * bp.grad(f)(bp.tensor([1, 2, 3]));   // => [2, 4, 6]
 */
export function grad(f: (x: Tensor) => Tensor): (x: Tensor, dy?: Tensor) => Tensor {
  return (x, dy) => vjpCore("grad", (a) => f(a), [x], undefined, dy, false).grads[0] as Tensor;
}

/**
 * Gradients of f with respect to each of its arguments: `grads(f)([x, y])`.
 *
 * @example
 * const f = (a: bp.Tensor, b: bp.Tensor) => a.mul(b).sum();
 * const [da, db] = bp.grads(f)([bp.tensor([1, 2]), bp.tensor([3, 4])]);
 * da;   // => [3, 4]
 * db;   // => [1, 2]
 */
export function grads(f: (...xs: Tensor[]) => Tensor): (xs: readonly Tensor[], dy?: Tensor) => Tensor[] {
  return (xs, dy) => vjpCore("grads", f, checkArgs("grads", xs), undefined, dy, false).grads;
}

/**
 * `valueAndGrad(f)(x)` → { value, grad }.
 *
 * @example
 * const { value, grad } = bp.valueAndGrad((x) => x.square().sum())(bp.tensor([3, 4]));
 * value.item();   // => 25
 * grad;   // => [6, 8]
 */
export function valueAndGrad(
  f: (x: Tensor) => Tensor,
): (x: Tensor, dy?: Tensor) => { value: Tensor; grad: Tensor } {
  return (x, dy) => {
    const { value, grads: gs } = vjpCore("valueAndGrad", (a) => f(a), [x], undefined, dy);
    return { value: value as Tensor, grad: gs[0] as Tensor };
  };
}

/**
 * Two forms: `valueAndGrads(f)(xs)` differentiates with respect to f's arguments;
 * `valueAndGrads(() => loss(w, b), [w, b])` differentiates with respect to the given variables.
 *
 * @example
 * const w = bp.variable(bp.tensor([2]));
 * const b = bp.variable(bp.tensor([1]));
 * const { value, grads } = bp.valueAndGrads((w, b) => w.mul(3).add(b).sum())([w, b]);
 * value.item();   // => 7
 * grads;   // => [[3], [1]]
 */
export function valueAndGrads(
  f: (...xs: Tensor[]) => Tensor,
): (xs: readonly Tensor[], dy?: Tensor) => { value: Tensor; grads: Tensor[] };
export function valueAndGrads(f: () => Tensor, vars: readonly Tensor[]): { value: Tensor; grads: Tensor[] };
export function valueAndGrads(
  f: (...xs: Tensor[]) => Tensor,
  vars?: readonly Tensor[],
):
  | { value: Tensor; grads: Tensor[] }
  | ((xs: readonly Tensor[], dy?: Tensor) => { value: Tensor; grads: Tensor[] }) {
  if (vars !== undefined) {
    if (!Array.isArray(vars))
      throw new ValueError("valueAndGrads: the second argument must be an array of tensors");
    const { value, grads: gs } = vjpCore("valueAndGrads", f, [], vars);
    return { value: value as Tensor, grads: gs };
  }
  return (xs, dy) => {
    const { value, grads: gs } = vjpCore("valueAndGrads", f, checkArgs("valueAndGrads", xs), undefined, dy);
    return { value: value as Tensor, grads: gs };
  };
}

/**
 * Jacobian of g at x: shape [...g(x).shape, ...x.shape]. Row i is the gradient of the i-th output element.
 *
 * @example
 * const g = (x: bp.Tensor) => x.mul(x);   // elementwise square: J = diag(2x)
 * bp.jacobian(g)(bp.tensor([1, 2]));   // => [[2, 0], [0, 4]]
 */
export function jacobian(g: (x: Tensor) => Tensor): (x: Tensor) => Tensor {
  return (x) => {
    enterGrad();
    const outermost = gradientDepth() === 1;
    try {
      return scoped(outermost, () => jacobianRun(g, x, outermost));
    } finally {
      exitGrad();
    }
  };
}

function jacobianRun(g: (x: Tensor) => Tensor, x: Tensor, outermost: boolean): Tensor {
  const xw = watch(x, "jacobian");
  const y = g(xw);
  if (!(y instanceof Tensor))
    throw new ValueError(`jacobian: the function must return a Tensor, got ${typeof y}`);
  if (!isFloat(y.dtype))
    throw new DTypeError(`jacobian: the function returned an ${y.dtype} tensor; expected a float tensor`);
  const rows: Tensor[] = [];
  for (let i = 0; i < y.size; i++) {
    const seed = new Float64Array(y.size);
    seed[i] = 1;
    const [row] = backward(y, [xw], makeTensor(y.shape, y.dtype, seed));
    rows.push((row as Tensor).reshape([1, ...x.shape]));
  }
  const out = rows.length > 0 ? rows[0]!.concat(rows.slice(1), 0) : makeTensor([0, ...x.shape], x.dtype);
  const result = out.reshape([...y.shape, ...x.shape]);
  if (outermost) {
    xw.requiresGrad = false;
    detach(result);
  }
  return result;
}

/**
 * Hessian of a scalar f at x: shape [...x.shape, ...x.shape], the Jacobian of its gradient.
 *
 * @example
 * const f = (x: bp.Tensor) => x.pow(3).sum();   // f = Σ x³, H = diag(6x)
 * bp.hessian(f)(bp.tensor([1, 2]));   // => [[6, 0], [0, 12]]
 */
export function hessian(f: (x: Tensor) => Tensor): (x: Tensor) => Tensor {
  const scalarF = (x: Tensor): Tensor => {
    const y = f(x);
    if (y instanceof Tensor && y.size !== 1) {
      throw new ShapeError(`hessian: the function must return a scalar, got shape ${fmtShape(y.shape)}`);
    }
    return y;
  };
  return (x) => jacobian(grad(scalarF))(x);
}

export interface CheckGradResult {
  /** Largest |analytic - numeric| / max(1, |analytic|, |numeric|) over the elements. */
  maxRelError: number;
  ok: boolean;
  analytic: Tensor;
  numeric: Tensor;
}

/**
 * Compares the gradient of a scalar f at x with central differences (f(x+ε) - f(x-ε)) / 2ε.
 * Run it in float64 (`x.cast("float64")`) for tight tolerances.
 *
 * @example
 * bp.checkGrad((x) => x.sigmoid().sum(), bp.randn([5], { seed: 1 }).cast("float64")).ok;   // => true
 */
export function checkGrad(
  f: (x: Tensor) => Tensor,
  x: Tensor,
  options: { eps?: number; tolerance?: number } = {},
): CheckGradResult {
  const eps = options.eps ?? (x.dtype === "float64" ? 1e-6 : 1e-3);
  const tol = options.tolerance ?? (x.dtype === "float64" ? 1e-6 : 1e-2);
  if (!(eps > 0) || !Number.isFinite(eps))
    throw new ValueError(`checkGrad: eps must be a positive finite number, got ${eps}`);
  if (!(x instanceof Tensor)) throw new ValueError(`checkGrad: x must be a Tensor, got ${typeof x}`);
  const base = x.dataSync();
  const numeric = new Float64Array(base.length);
  const evalAt = (data: Float64Array): number =>
    tidy(() => {
      const y = f(makeTensor(x.shape, x.dtype, data));
      if (!(y instanceof Tensor) || y.size !== 1) {
        const got = y instanceof Tensor ? `shape ${fmtShape(y.shape)}` : typeof y;
        throw new ShapeError(`checkGrad: f must return a scalar tensor, got ${got}`);
      }
      return y.item();
    });
  const probe = Float64Array.from(base);
  evalAt(probe); // validates f's result before any gradient is taken
  const analytic = grad(f)(x);
  for (let i = 0; i < base.length; i++) {
    const v = base[i] as number;
    probe[i] = v + eps;
    const up = evalAt(probe);
    probe[i] = v - eps;
    const down = evalAt(probe);
    probe[i] = v;
    numeric[i] = (up - down) / (2 * eps);
  }
  const a = analytic.dataSync();
  let maxRelError = 0;
  for (let i = 0; i < a.length; i++) {
    const ai = a[i] as number;
    const ni = numeric[i] as number;
    const err = Math.abs(ai - ni) / Math.max(1, Math.abs(ai), Math.abs(ni));
    maxRelError = Math.max(maxRelError, Number.isNaN(err) ? Infinity : err);
  }
  return { maxRelError, ok: maxRelError <= tol, analytic, numeric: makeTensor(x.shape, x.dtype, numeric) };
}
