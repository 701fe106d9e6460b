/**
 * What the update rules in optim.ts share: their tails run through the vector loops on scratch
 * copies, the moving averages of the moments, the flush to zero and the cut of steps whose product
 * would be subnormal.
 */
import { ftz, ftz4 } from "./simd";

/**
 * The last < 4 elements [i0, i1) of a share, for a rule's vector loop: p, g and up to three slots are
 * copied into 16-byte blocks at s, s + 16, … (zeros after them; a 0 pointer leaves its block zero),
 * so the loop runs once more on them there and each formula is written once. Returns s.
 */
// @ts-ignore: decorator
@inline export function tailIn(s: usize, i0: i32, i1: i32, p: usize, g: usize, s1: usize, s2: usize, s3: usize): usize {
  memory.fill(s, 0, 80);
  const o = <usize>i0 * 4;
  const bytes = <usize>(i1 - i0) * 4;
  memory.copy(s, p + o, bytes);
  memory.copy(s + 16, g + o, bytes);
  if (s1) memory.copy(s + 32, s1 + o, bytes);
  if (s2) memory.copy(s + 48, s2 + o, bytes);
  if (s3) memory.copy(s + 64, s3 + o, bytes);
  return s;
}

/** Copies tailIn's blocks back after the loop: the new p to out and the slots to theirs. */
// @ts-ignore: decorator
@inline export function tailOut(s: usize, i0: i32, i1: i32, out: usize, s1: usize, s2: usize, s3: usize): void {
  const o = <usize>i0 * 4;
  const bytes = <usize>(i1 - i0) * 4;
  memory.copy(out + o, s, bytes);
  if (s1) memory.copy(s1 + o, s + 32, bytes);
  if (s2) memory.copy(s2 + o, s + 48, bytes);
  if (s3) memory.copy(s3 + o, s + 64, bytes);
}

/** ftz when `flush` is set. */
// @ts-ignore: decorator
@inline export function fz(x: f32, flush: i32): f32 {
  return flush ? ftz(x) : x;
}

/**
 * The smallest |m| for which lr·m is a normal float32 (FLT_MIN / lr). Below it the Adam-like steps
 * take m as 0: see adamF32.
 */
// @ts-ignore: decorator
@inline export function normalFloor(lr: f32): f32 {
  return <f32>1.17549435e-38 / lr;
}

/** m, or 0 where |m| < floor (lr·m would be subnormal). */
// @ts-ignore: decorator
@inline export function cutTiny(m: f32, floor: f32): f32 {
  return Mathf.abs(m) < floor ? <f32>0 : m;
}

/** cutTiny on four lanes. */
// @ts-ignore: decorator
@inline export function cutTiny4(m: v128, floor: v128): v128 {
  return v128.andnot(m, f32x4.lt(f32x4.abs(m), floor));
}

/** The moving average the moments keep, s·β + x·(1 − β), operation by operation as the js rules. */
// @ts-ignore: decorator
@inline export function ema(s: f32, beta: f32, x: f32): f32 {
  return s * beta + x * (1 - beta);
}

/** ema on four lanes, with b = β and c = 1 − β splatted. */
// @ts-ignore: decorator
@inline export function ema4(s: v128, b: v128, c: v128, x: v128): v128 {
  return f32x4.add(f32x4.mul(s, b), f32x4.mul(x, c));
}

/** The moving average of the slot at s + o updated with x (b = β, c = 1 − β), flushed when `flush`, stored and returned. */
// @ts-ignore: decorator
@inline export function slotEma4(s: usize, o: usize, b: v128, c: v128, x: v128, flush: bool): v128 {
  const next = fz4(ema4(v128.load(s + o), b, c, x), flush);
  v128.store(s + o, next);
  return next;
}

/** ftz4 when `flush` is set (a compile-time constant where the vector loops are inlined). */
// @ts-ignore: decorator
@inline export function fz4(x: v128, flush: bool): v128 {
  return flush ? ftz4(x) : x;
}

