/**
 * Element-wise arithmetic: function forms that accept numbers, composed from primitives.
 * int32 arithmetic wraps around on overflow (two's complement), as in NumPy and TensorFlow; cast to
 * a float dtype first when values may leave the 32-bit range. Creating or casting to int32 checks it.
 */
import * as P from "../autograd/primitives/index.js";
import { ValueError } from "../errors.js";
import type { Tensor } from "../tensor/tensor.js";
import { checkTensor, composite, operands, type Operand } from "./convert.js";

/** A broadcasting binary op on tensors or numbers; a scalar made from a number is freed unless the tape holds it. */
const binary =
  (name: string, prim: (inputs: readonly [Tensor, Tensor], attrs: Record<string, never>) => Tensor) =>
  (a: Operand, b: Operand): Tensor => {
    const [ta, tb] = operands(name, a, b);
    const out = prim([ta, tb], {});
    if (!out.node) {
      if (ta !== a) ta.dispose();
      if (tb !== b) tb.dispose();
    }
    return out;
  };

/**
 * a + b, elementwise with broadcasting.
 *
 * @example
 * bp.add(bp.tensor([[1, 2], [3, 4]]), bp.tensor([10, 20]));   // => [[11, 22], [13, 24]]
 * bp.tensor([1, 2]).add(1);   // => [2, 3]
 */
export const add = binary("add", P.add);
/**
 * a − b, elementwise with broadcasting.
 *
 * @example
 * bp.sub(bp.tensor([5, 7]), bp.tensor([1, 2]));   // => [4, 5]
 */
export const sub = binary("sub", P.sub);
/**
 * a · b, elementwise with broadcasting.
 *
 * @example
 * bp.mul(bp.tensor([1, 2, 3]), 2);   // => [2, 4, 6]
 */
export const mul = binary("mul", P.mul);
/**
 * a / b, elementwise with broadcasting.
 *
 * @example
 * bp.div(bp.tensor([1, 3]), bp.tensor([2, 4]));   // => [0.5, 0.75]
 */
export const div = binary("div", P.div);
/**
 * The larger of a and b, elementwise with broadcasting.
 *
 * @example
 * bp.maximum(bp.tensor([1, 5]), bp.tensor([3, 2]));   // => [3, 5]
 */
export const maximum = binary("maximum", P.maximum);
/**
 * The smaller of a and b, elementwise with broadcasting.
 *
 * @example
 * bp.minimum(bp.tensor([1, 5]), 3);   // => [1, 3]
 */
export const minimum = binary("minimum", P.minimum);
/**
 * 1 where a = b, else 0 (broadcasting); not differentiable.
 *
 * @example
 * bp.equal(bp.tensor([1, 2, 3]), bp.tensor([1, 0, 3]));   // => [1, 0, 1]
 */
export const equal = binary("equal", P.equal);
/**
 * 1 where a ≠ b, else 0 (broadcasting).
 *
 * @example
 * bp.notEqual(bp.tensor([1, 2, 3]), bp.tensor([1, 0, 3]));   // => [0, 1, 0]
 */
export const notEqual = binary("notEqual", P.notEqual);
/**
 * 1 where a > b, else 0 (broadcasting).
 *
 * @example
 * bp.greater(bp.tensor([1, 2, 3]), 2);   // => [0, 0, 1]
 */
export const greater = binary("greater", P.greater);
/**
 * 1 where a ≥ b, else 0 (broadcasting).
 *
 * @example
 * bp.greaterEqual(bp.tensor([1, 2, 3]), 2);   // => [0, 1, 1]
 */
export const greaterEqual = binary("greaterEqual", P.greaterEqual);
/**
 * 1 where a < b, else 0 (broadcasting).
 *
 * @example
 * bp.less(bp.tensor([1, 2, 3]), 2);   // => [1, 0, 0]
 */
export const less = binary("less", P.less);
/**
 * 1 where a ≤ b, else 0 (broadcasting).
 *
 * @example
 * bp.lessEqual(bp.tensor([1, 2, 3]), 2);   // => [1, 1, 0]
 */
export const lessEqual = binary("lessEqual", P.lessEqual);

/**
 * x^exponent; the exponent may be a number or a tensor.
 *
 * @example
 * bp.pow(bp.tensor([2, 3]), 2);   // => [4, 9]
 */
export const pow = binary("pow", P.pow);

/**
 * (a - b)².
 *
 * @example
 * bp.squaredDifference(bp.tensor([1, 2, 3]), bp.tensor([3, 2, 1]));   // => [4, 0, 4]
 */
export function squaredDifference(a: Operand, b: Operand): Tensor {
  return composite(() => sub(a, b).square());
}

const unary =
  (name: string, prim: (inputs: readonly [Tensor], attrs: Record<string, never>) => Tensor) =>
  (x: Tensor): Tensor =>
    prim([checkTensor(name, x)], {});

/**
 * −x, elementwise.
 *
 * @example
 * bp.neg(bp.tensor([1, -2]));   // => [-1, 2]
 */
export const neg = unary("neg", P.neg);
/**
 * eˣ, elementwise.
 *
 * @example
 * bp.exp(bp.tensor([0, 1]));   // => [1, 2.7182817]
 */
export const exp = unary("exp", P.exp);
/**
 * The natural logarithm, elementwise.
 *
 * @example
 * bp.log(bp.tensor([1, Math.E]));   // => [0, 1]
 */
export const log = unary("log", P.log);
/**
 * log(1 + x), accurate for small x.
 *
 * @example
 * bp.log1p(bp.tensor([0, 1e-8]));   // => [0, 1e-8]
 */
export const log1p = unary("log1p", P.log1p);
/**
 * √x, elementwise.
 *
 * @example
 * bp.sqrt(bp.tensor([4, 9]));   // => [2, 3]
 */
export const sqrt = unary("sqrt", P.sqrt);
/**
 * The error function erf(x) = 2/√π ∫₀ˣ e^(−t²) dt, elementwise (float dtypes; the exact gelu's Φ).
 *
 * @example
 * bp.erf(bp.tensor([0, 1]));   // => [0, 0.8427008]
 */
export const erf = unary("erf", P.erf);
/**
 * |x|, elementwise.
 *
 * @example
 * bp.abs(bp.tensor([-1.5, 2]));   // => [1.5, 2]
 */
export const abs = unary("abs", P.abs);
/**
 * −1, 0 or 1 by the sign of x, elementwise.
 *
 * @example
 * bp.sign(bp.tensor([-3, 0, 2]));   // => [-1, 0, 1]
 */
export const sign = unary("sign", P.sign);
/**
 * sin(x), elementwise.
 *
 * @example
 * bp.sin(bp.tensor([0, Math.PI / 2]));   // => [0, 1]
 */
export const sin = unary("sin", P.sin);
/**
 * cos(x), elementwise.
 *
 * @example
 * bp.cos(bp.tensor([0, Math.PI]));   // => [1, -1]
 */
export const cos = unary("cos", P.cos);
/**
 * The largest integer ≤ x, elementwise.
 *
 * @example
 * bp.floor(bp.tensor([1.7, -1.2]));   // => [1, -2]
 */
export const floor = unary("floor", P.floor);

/**
 * x².
 *
 * @example
 * bp.square(bp.tensor([-2, 3]));   // => [4, 9]
 */
export function square(x: Tensor): Tensor {
  return mul(checkTensor("square", x), x);
}

/**
 * 1/x.
 *
 * @example
 * bp.reciprocal(bp.tensor([2, 4]));   // => [0.5, 0.25]
 */
export function reciprocal(x: Tensor): Tensor {
  return div(1, checkTensor("reciprocal", x));
}

/**
 * e^x - 1, accurate near 0 (where exp(x) - 1 would cancel to 0 in float32): for |x| < 1/2 it is
 * 2t / (1 - t) with t = tanh(x/2), exact algebra with no cancellation.
 *
 * @example
 * bp.expm1(bp.tensor([1e-10])).item();   // => 1e-10
 */
export function expm1(x: Tensor): Tensor {
  checkTensor("expm1", x);
  return composite(() => {
    const small = x.abs().less(0.5);
    // each branch only sees inputs in its own range, so the unused one stays finite (and so does its gradient)
    const t = small.where(x, 0).mul(0.5).tanh();
    const near = t.mul(2).div(t.neg().add(1));
    const far = small.where(1, x).exp().sub(1);
    return small.where(near, far);
  });
}

/**
 * 1/√x.
 *
 * @example
 * bp.rsqrt(bp.tensor([4, 16]));   // => [0.5, 0.25]
 */
export function rsqrt(x: Tensor): Tensor {
  checkTensor("rsqrt", x);
  return composite(() => div(1, sqrt(x)));
}

/**
 * Clips to [min, max]; the gradient passes where min ≤ x ≤ max (boundaries included, as in PyTorch).
 *
 * @example
 * bp.clip(bp.tensor([-5, 0.5, 5]), 0, 1);   // => [0, 0.5, 1]
 */
export function clip(x: Tensor, min: number, max: number): Tensor {
  checkTensor("clip", x);
  if (typeof min !== "number" || typeof max !== "number" || Number.isNaN(min) || Number.isNaN(max) || min > max) {
    throw new ValueError(`clip: expected numbers min ≤ max, got min=${String(min)}, max=${String(max)}`);
  }
  return composite(() => x.less(min).where(min, x.greater(max).where(max, x)));
}

/**
 * 1 where x is finite, else 0 (int32).
 *
 * @example
 * bp.isFinite(bp.tensor([1, Infinity, NaN]));   // => [1, 0, 0]
 */
export function isFinite(x: Tensor): Tensor {
  checkTensor("isFinite", x);
  return composite(() => sub(x, x).equal(0));
}

/**
 * 1 where x is NaN, else 0 (int32).
 *
 * @example
 * bp.isNaN(bp.tensor([1, NaN]));   // => [0, 1]
 */
export function isNaN(x: Tensor): Tensor {
  return notEqual(checkTensor("isNaN", x), x);
}
