/** matmul, dot and outer. */
import * as P from "../autograd/primitives/index.js";
import { fmtShape, ShapeError } from "../errors.js";
import type { Tensor } from "../tensor/tensor.js";
import { checkTensor, composite } from "./convert.js";

/**
 * Matrix product with NumPy's rules: batch axes broadcast; a 1-D operand is treated as a row (left)
 * or column (right) vector and that axis is dropped from the result.
 *
 * @example
 * bp.matmul(bp.tensor([[1, 2], [3, 4]]), bp.tensor([[5], [6]]));   // => [[17], [39]]
 * bp.matmul(bp.ones([8, 2, 3]), bp.ones([3, 4])).shape;   // => [8, 2, 4]
 * bp.matmul(bp.ones([3, 2]), bp.ones([3, 4]), true).shape;   // => [2, 4]
 */
export function matmul(a: Tensor, b: Tensor, transposeA = false, transposeB = false): Tensor {
  checkTensor("matmul", a, "a");
  checkTensor("matmul", b, "b");
  if (a.rank === 0 || b.rank === 0) throw new ShapeError(`matmul: operands must have rank ≥ 1, got ${fmtShape(a.shape)} x ${fmtShape(b.shape)}`);
  if (a.rank > 1 && b.rank > 1) return P.matmul([a, b], { transposeA, transposeB });
  const ka = transposeA && a.rank > 1 ? a.shape[a.rank - 2] : a.shape[a.rank - 1];
  const kb = transposeB && b.rank > 1 ? b.shape[b.rank - 1] : b.rank === 1 ? b.shape[0] : b.shape[b.rank - 2];
  if (ka !== kb) throw new ShapeError(`matmul: inner dimensions differ: ${fmtShape(a.shape)} x ${fmtShape(b.shape)}`);
  return composite(() => {
    const a2 = a.rank === 1 ? a.reshape([1, a.size]) : a;
    const b2 = b.rank === 1 ? b.reshape([b.size, 1]) : b;
    let out = P.matmul([a2, b2], { transposeA: a.rank === 1 ? false : transposeA, transposeB: b.rank === 1 ? false : transposeB });
    if (a.rank === 1) out = out.squeeze(out.rank - 2);
    if (b.rank === 1) out = out.squeeze(out.rank - 1);
    return out;
  });
}

/**
 * Inner product of two vectors, or matmul for higher ranks.
 *
 * @example
 * bp.dot(bp.tensor([1, 2, 3]), bp.tensor([4, 5, 6])).item();   // => 32
 */
export function dot(a: Tensor, b: Tensor): Tensor {
  return matmul(a, b);
}

/**
 * Outer product of two vectors: [n] x [m] → [n, m].
 *
 * @example
 * bp.outer(bp.tensor([1, 2]), bp.tensor([3, 4, 5]));   // => [[3, 4, 5], [6, 8, 10]]
 */
export function outer(a: Tensor, b: Tensor): Tensor {
  checkTensor("outer", a, "a");
  checkTensor("outer", b, "b");
  return composite(() => a.reshape([a.size, 1]).mul(b.reshape([1, b.size])));
}
