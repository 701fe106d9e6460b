/**
 * Points drawn with the mouse on the output: a click adds a point of the chosen class (or, on
 * regression data, of the chosen value in [−1, 1]); a shift-click removes the nearest point.
 */
import type { Points } from "./data.js";

/** The points after one click at (x, y) in data coordinates. */
export function editPoints(p: Points, x: number, y: number, remove: boolean, label: number): Points {
  const xy = Array.from(p.xy);
  const labels = Array.from(p.label);
  if (remove) {
    let best = -1;
    let bd = 0.5;
    for (let i = 0; i < labels.length; i++) {
      const d = Math.hypot((xy[2 * i] as number) - x, (xy[2 * i + 1] as number) - y);
      if (d < bd) [best, bd] = [i, d];
    }
    if (best >= 0) {
      xy.splice(2 * best, 2);
      labels.splice(best, 1);
    }
  } else {
    xy.push(x, y);
    labels.push(label);
  }
  return { xy: Float32Array.from(xy), label: Float32Array.from(labels) };
}

/** Classes of drawn classification points (at least 2, at most 5). */
export function drawnClasses(p: Points): number {
  let top = 0;
  for (const l of p.label) top = Math.max(top, l);
  return Math.min(5, Math.max(2, top + 1));
}
