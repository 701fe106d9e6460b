/** The input features over the grid, each scaled into [−1, 1] for its thumbnail (cached per feature list). */
import { featurize } from "./data-features.js";
import { DOMAIN, GRID } from "./protocol.js";
import type { Feature } from "./settings.js";

const cache = new Map<string, Float32Array[]>();

export function featureThumbs(features: readonly Feature[]): Float32Array[] {
  const key = features.join(",");
  const hit = cache.get(key);
  if (hit) return hit;
  const xy = new Float32Array(GRID * GRID * 2);
  for (let r = 0; r < GRID; r++) {
    for (let c = 0; c < GRID; c++) {
      xy[2 * (r * GRID + c)] = -DOMAIN + ((c + 0.5) * 2 * DOMAIN) / GRID;
      xy[2 * (r * GRID + c) + 1] = DOMAIN - ((r + 0.5) * 2 * DOMAIN) / GRID;
    }
  }
  const all = featurize(xy, features);
  const f = features.length;
  const out = features.map((_, j) => {
    const v = new Float32Array(GRID * GRID);
    let m = 1e-9;
    for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs((v[i] = all[i * f + j] as number)));
    return v.map((x) => x / m);
  });
  cache.set(key, out);
  return out;
}
