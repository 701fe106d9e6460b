/** Flush to zero for the rules' js formulas, as the wasm kernels do it. */
import type { TypedArray } from "../../backend/dtype.js";

/**
 * A slot value whose magnitude, stored in the slot's dtype, is below that dtype's smallest normal
 * number becomes 0 (geometrically decaying moments would otherwise sink into the subnormal range,
 * where arithmetic is slow). NaN passes unchanged. Identity when `flush` is false.
 */
export function flusher(slot: TypedArray | undefined, flush = true): (x: number) => number {
  if (!flush) return (x) => x;
  if (slot instanceof Float32Array) return (x) => (Math.abs(Math.fround(x)) < 2 ** -126 ? 0 : x);
  return (x) => (Math.abs(x) < 2 ** -1022 ? 0 : x);
}

/** f32 flag for the AssemblyScript exports: flush unless asked not to. */
export function flushFlag(flush: boolean | undefined): number {
  return flush === false ? 0 : 1;
}
