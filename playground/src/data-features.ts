/** The input features (X₁, X₂, X₁², X₂², X₁X₂, sin X₁, sin X₂) of interleaved points. */
import type { Feature } from "./settings.js";

const FEATURE_FN: Record<Feature, (x: number, y: number) => number> = {
  x: (x) => x,
  y: (_, y) => y,
  xSquared: (x) => x * x,
  ySquared: (_, y) => y * y,
  xTimesY: (x, y) => x * y,
  sinX: (x) => Math.sin(x),
  sinY: (_, y) => Math.sin(y),
};

/** The network's inputs [n, features] for interleaved points. */
export function featurize(xy: Float32Array, features: readonly Feature[]): Float32Array {
  const n = xy.length / 2;
  const out = new Float32Array(n * features.length);
  const fns = features.map((f) => FEATURE_FN[f]);
  for (let i = 0; i < n; i++) {
    const x = xy[2 * i] as number;
    const y = xy[2 * i + 1] as number;
    fns.forEach((fn, j) => (out[i * fns.length + j] = fn(x, y)));
  }
  return out;
}
