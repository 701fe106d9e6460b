/**
 * The largest and smallest of any number of values. `Math.max(...values)` passes each value as an
 * argument and overflows the stack past ~120,000 of them (pixels, labels, a big confusion matrix),
 * so code in src/ uses these instead (an eslint rule forbids the spread).
 *
 *   maxOf([3, 1, 2]);        // 3, as Math.max(3, 1, 2)
 *   maxOf([], 1);            // 1, as Math.max(1, ...[])
 */
export function maxOf(values: Iterable<number>, start = -Infinity): number {
  let m = start;
  for (const v of values) {
    if (v > m) m = v;
    else if (Number.isNaN(v)) return NaN;
  }
  return m;
}

/** The smallest of `start` and the values, as Math.min(start, ...values) without the spread. */
export function minOf(values: Iterable<number>, start = Infinity): number {
  let m = start;
  for (const v of values) {
    if (v < m) m = v;
    else if (Number.isNaN(v)) return NaN;
  }
  return m;
}
