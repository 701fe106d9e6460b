/**
 * A random (semi-)orthogonal matrix, as Keras's Orthogonal initializer makes it: draw a normal
 * matrix of shape [max(r, c), min(r, c)], take Q of its QR decomposition with R's diagonal made
 * positive, and transpose when there are fewer rows than columns. Modified Gram–Schmidt in float64
 * gives exactly that Q (its R has a positive diagonal by construction).
 */
import { ValueError } from "../errors.js";
import type { Rng } from "../tensor/random.js";

/** Row-major [rows, cols] values whose rows (rows ≤ cols) or columns (rows ≥ cols) are orthonormal. */
export function orthogonalMatrix(rows: number, cols: number, rng: Rng): Float64Array {
  const m = Math.max(rows, cols);
  const n = Math.min(rows, cols);
  if (n === 0) return new Float64Array(0);
  // columns of the m×n draw, stored column by column
  const q: Float64Array[] = [];
  for (let j = 0; j < n; j++) {
    const col = new Float64Array(m);
    for (let i = 0; i < m; i++) col[i] = rng.normal();
    q.push(col);
  }
  for (let j = 0; j < n; j++) {
    const v = q[j]!;
    for (let k = 0; k < j; k++) {
      const u = q[k]!;
      let dot = 0;
      for (let i = 0; i < m; i++) dot += u[i]! * v[i]!;
      for (let i = 0; i < m; i++) v[i] = v[i]! - dot * u[i]!;
    }
    let norm = 0;
    for (let i = 0; i < m; i++) norm += v[i]! * v[i]!;
    norm = Math.sqrt(norm);
    if (!(norm > 1e-12)) throw new ValueError(`orthogonal: the random draw was rank-deficient for shape [${rows},${cols}]; try another seed`);
    for (let i = 0; i < m; i++) v[i] = v[i]! / norm;
  }
  const out = new Float64Array(rows * cols);
  if (rows >= cols) {
    // out[i][j] = q[j][i]
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[i * cols + j] = q[j]![i]!;
  } else {
    // transposed: out[i][j] = q[i][j]
    for (let i = 0; i < rows; i++) out.set(q[i]!, i * cols);
  }
  return out;
}
