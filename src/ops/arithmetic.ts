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

/** a + b, elementwise with broadcasting. */
export const add = binary("add", P.add);
/** a − b, elementwise with broadcasting. */
export const sub = binary("sub", P.sub);
/** a · b, elementwise with broadcasting. */
export const mul = binary("mul", P.mul);
/** a / b, elementwise with broadcasting. */
export const div = binary("div", P.div);
/** The larger of a and b, elementwise with broadcasting. */
export const maximum = binary("maximum", P.maximum);
/** The smaller of a and b, elementwise with broadcasting. */
export const minimum = binary("minimum", P.minimum);
/** 1 where a = b, else 0 (broadcasting); not differentiable. */
export const equal = binary("equal", P.equal);
/** 1 where a ≠ b, else 0 (broadcasting). */
export const notEqual = binary("notEqual", P.notEqual);
/** 1 where a > b, else 0 (broadcasting). */
export const greater = binary("greater", P.greater);
/** 1 where a ≥ b, else 0 (broadcasting). */
export const greaterEqual = binary("greaterEqual", P.greaterEqual);
/** 1 where a < b, else 0 (broadcasting). */
export const less = binary("less", P.less);
/** 1 where a ≤ b, else 0 (broadcasting). */
export const lessEqual = binary("lessEqual", P.lessEqual);

/** x^exponent; the exponent may be a number or a tensor. */
export const pow = binary("pow", P.pow);

/** (a - b)². */
export function squaredDifference(a: Operand, b: Operand): Tensor {
  return composite(() => sub(a, b).square());
}

const unary =
  (name: string, prim: (inputs: readonly [Tensor], attrs: Record<string, never>) => Tensor) =>
  (x: Tensor): Tensor =>
    prim([checkTensor(name, x)], {});

/** −x, elementwise. */
export const neg = unary("neg", P.neg);
/** eˣ, elementwise. */
export const exp = unary("exp", P.exp);
/** The natural logarithm, elementwise. */
export const log = unary("log", P.log);
/** log(1 + x), accurate for small x. */
export const log1p = unary("log1p", P.log1p);
/** √x, elementwise. */
export const sqrt = unary("sqrt", P.sqrt);
/**
 * The error function erf(x) = 2/√π ∫₀ˣ e^(−t²) dt, elementwise (float dtypes; the exact gelu's Φ).
 *
 *   bp.erf(bp.tensor([0, 1])); // [0, 0.8427]
 */
export const erf = unary("erf", P.erf);
/** |x|, elementwise. */
export const abs = unary("abs", P.abs);
/** −1, 0 or 1 by the sign of x, elementwise. */
export const sign = unary("sign", P.sign);
/** sin(x), elementwise. */
export const sin = unary("sin", P.sin);
/** cos(x), elementwise. */
export const cos = unary("cos", P.cos);
/** The largest integer ≤ x, elementwise. */
export const floor = unary("floor", P.floor);

/** x². */
export function square(x: Tensor): Tensor {
  return mul(checkTensor("square", x), x);
}

/** 1/x. */
export function reciprocal(x: Tensor): Tensor {
  return div(1, checkTensor("reciprocal", x));
}

/**
 * e^x - 1, accurate near 0 (where exp(x) - 1 would cancel to 0 in float32): for |x| < 1/2 it is
 * 2t / (1 - t) with t = tanh(x/2), exact algebra with no cancellation.
 *
 *   bp.expm1(bp.tensor([1e-10])).item();   // 1e-10, not 0
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

/** 1/√x. */
export function rsqrt(x: Tensor): Tensor {
  checkTensor("rsqrt", x);
  return composite(() => div(1, sqrt(x)));
}

/** Clips to [min, max]; the gradient passes where min ≤ x ≤ max (boundaries included, as in PyTorch). */
export function clip(x: Tensor, min: number, max: number): Tensor {
  checkTensor("clip", x);
  if (typeof min !== "number" || typeof max !== "number" || Number.isNaN(min) || Number.isNaN(max) || min > max) {
    throw new ValueError(`clip: expected numbers min ≤ max, got min=${String(min)}, max=${String(max)}`);
  }
  return composite(() => x.less(min).where(min, x.greater(max).where(max, x)));
}

/** 1 where x is finite, else 0 (int32). */
export function isFinite(x: Tensor): Tensor {
  checkTensor("isFinite", x);
  return composite(() => sub(x, x).equal(0));
}

/** 1 where x is NaN, else 0 (int32). */
export function isNaN(x: Tensor): Tensor {
  return notEqual(checkTensor("isNaN", x), x);
}
