/** Colour scales for the report's heat map and weight images. */

/** Linear blend of two RGB colours, t in [0, 1]. */
function mix(a: readonly number[], b: readonly number[], t: number): [number, number, number] {
  const u = Math.max(0, Math.min(1, t));
  return [0, 1, 2].map((i) => Math.round((a[i] as number) + ((b[i] as number) - (a[i] as number)) * u)) as [number, number, number];
}

const WHITE = [255, 255, 255];
const BLUE = [8, 48, 107];
const RED = [178, 24, 43];
const LIGHT_BLUE = [66, 146, 198];

/**
 * White (0) to dark blue (1), through mid blue, as matplotlib's "Blues".
 *
 * @example
 * bp.report.blues(0);   // => [255, 255, 255]
 */
export function blues(t: number): [number, number, number] {
  return t < 0.5 ? mix(WHITE, LIGHT_BLUE, t * 2) : mix(LIGHT_BLUE, BLUE, (t - 0.5) * 2);
}

/**
 * Blue (−1) through white (0) to red (+1): signed weights, sign-symmetric.
 *
 * @example
 * bp.report.diverging(0);   // => [255, 255, 255]
 * bp.report.diverging(-1)[2] > bp.report.diverging(-1)[0];   // => true
 */
export function diverging(t: number): [number, number, number] {
  return t < 0 ? mix(WHITE, [33, 102, 172], -t) : mix(WHITE, RED, t);
}

export const css = ([r, g, b]: readonly number[]): string => `rgb(${r},${g},${b})`;

/** Whether dark text is readable on this background (relative luminance). */
export function isLight([r, g, b]: readonly number[]): boolean {
  return 0.2126 * (r as number) + 0.7152 * (g as number) + 0.0722 * (b as number) > 150;
}
