/** The grid the heat map and the neuron thumbnails are computed on: GRID² points over [−DOMAIN, DOMAIN]². */
import { DOMAIN, GRID } from "./protocol.js";

/** x₁, x₂ of every grid cell's centre, interleaved, row by row from the top left. */
export function gridPoints(): Float32Array {
  const xy = new Float32Array(GRID * GRID * 2);
  for (let r = 0; r < GRID; r++) {
    for (let c = 0; c < GRID; c++) {
      const i = r * GRID + c;
      xy[2 * i] = -DOMAIN + ((c + 0.5) * 2 * DOMAIN) / GRID;
      xy[2 * i + 1] = DOMAIN - ((r + 0.5) * 2 * DOMAIN) / GRID;
    }
  }
  return xy;
}

/** Row-major [points × units] → unit-major (one block per unit), in plain JS (no transpose op per view). */
export function unitMajor(v: ArrayLike<number>, units: number): Float32Array {
  const n = v.length / units;
  const out = new Float32Array(v.length);
  for (let u = 0; u < units; u++) for (let i = 0; i < n; i++) out[u * n + i] = v[i * units + u] as number;
  return out;
}
