/**
 * Three Gaussian blobs (centres on a circle of radius 2 in the first two coordinates, spread 0.5),
 * shared by the linear-classifier examples; `extraDims` appends coordinates of pure noise.
 */
import * as bp from "../src/index.js";

export interface Blobs {
  x: bp.Tensor;
  /** One-hot [n, 3]. */
  y: bp.Tensor;
  labels: number[];
}

export function blobs(n: number, seed: number, spread = 0.5, extraDims = 0): Blobs {
  const rng = new bp.Rng(seed);
  const xs: number[] = [];
  const ys: number[] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    const angle = (2 * Math.PI * c) / 3;
    xs.push(2 * Math.cos(angle) + spread * rng.normal(), 2 * Math.sin(angle) + spread * rng.normal());
    for (let j = 0; j < extraDims; j++) xs.push(rng.normal());
    ys.push(...[0, 1, 2].map((k) => (k === c ? 1 : 0)));
    labels.push(c);
  }
  return { x: bp.tensor(xs, [n, 2 + extraDims]), y: bp.tensor(ys, [n, 3]), labels };
}
