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

/**
 * The smallest |m| for which lr·m is a normal number in the slot's dtype: below it the Adam-like
 * steps take m as 0, as the wasm kernels do (there that product takes the slow path). 0 for float64
 * slots, which never reach that band.
 */
export function normalFloor(slot: TypedArray | undefined, lr: number): number {
  return slot instanceof Float32Array ? Math.fround(2 ** -126 / Math.fround(lr)) : 0;
}

/** m, or 0 where |m| < floor. */
export function cutTiny(m: number, floor: number): number {
  return Math.abs(m) < floor ? 0 : m;
}

/** f32 flag for the AssemblyScript exports: flush unless asked not to. */
export function flushFlag(flush: boolean | undefined): number {
  return flush === false ? 0 : 1;
}
