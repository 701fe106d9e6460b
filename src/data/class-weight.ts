/** Class weights that balance an imbalanced training set (scikit-learn's "balanced"). */
import { ValueError } from "../errors.js";
import { bincount, numClassesOf, toClassIndices, type LabelsLike } from "./labels.js";

/**
 * `weight[c] = nSamples / (nClasses * count[c])` for each class present, as scikit-learn's
 * `compute_class_weight("balanced")`: rare classes weigh more. Pass the result to fit's `classWeight`.
 *
 * @example
 * const weights = bp.data.computeClassWeight([0, 0, 0, 1]);
 * weights[1];   // => 2
 * weights[0];   // => 0.6666667
 */
export function computeClassWeight(labels: LabelsLike): Record<number, number> {
  const idx = toClassIndices("computeClassWeight", labels);
  if (idx.length === 0) throw new ValueError("computeClassWeight: labels are empty; expected at least one label");
  const counts = bincount(idx, numClassesOf(idx));
  const present = counts.filter((c) => c > 0).length;
  const out: Record<number, number> = {};
  counts.forEach((c, k) => {
    if (c > 0) out[k] = idx.length / (present * c);
  });
  return out;
}
