/** One-hot encoding of class labels for categorical losses. */
import { ValueError } from "../errors.js";
import { makeTensor, type Tensor } from "../tensor/tensor.js";
import { numClassesOf, toClassIndices, type LabelsLike } from "./labels.js";

/**
 * Rows of zeros with a 1 at each label: `[N] → [N, numClasses]` float32. `numClasses` defaults to
 * the largest label + 1.
 *
 * @example
 * bp.data.oneHot([2, 0], 3);   // => [[0, 0, 1], [1, 0, 0]]
 */
export function oneHot(labels: LabelsLike, numClasses?: number): Tensor {
  const idx = toClassIndices("oneHot", labels);
  const depth = numClasses ?? numClassesOf(idx);
  if (!Number.isInteger(depth) || depth < 1) throw new ValueError(`oneHot: numClasses must be a positive integer, got ${depth}`);
  const out = new Float32Array(idx.length * depth);
  idx.forEach((v, i) => {
    if (v >= depth) throw new ValueError(`oneHot: label ${v} at position ${i} is out of range for ${depth} classes`);
    out[i * depth + v] = 1;
  });
  return makeTensor([idx.length, depth], "float32", out);
}
