/**
 * What every rule file shares: defineRule, which turns a rule's own parts (attributes, slots, js
 * formula, AssemblyScript export and its arguments) into its RuleSpec, and the flush-to-zero and
 * subnormal-step helpers of the js formulas, which do what the wasm kernels do.
 */
import type { TypedArray } from "../../backend/dtype.js";
import type { FlushAttr, RuleSpec } from "../../backend/update-rules.js";
import type { ShareFnName } from "../../backend/wasm/runtime.js";

/** A rule's own parts; the spec's `js` gets the flusher of the first slot's dtype as `ftz`. */
export interface RuleParts<A extends FlushAttr> {
  /** The slots' names in the order the rule takes them (or from the attributes). */
  slots: readonly string[] | ((attrs: A) => readonly string[]);
  js: (
    p: TypedArray,
    g: TypedArray,
    slots: readonly TypedArray[],
    attrs: A,
    ftz: (x: number) => number,
  ) => void;
  /** The AssemblyScript export: export(share, shares, scratch, p, g, ...slots, out = p, n, ...params). */
  export: ShareFnName;
  /** The attributes the export takes after n, in order (booleans as 1 / 0; flush is 1 unless false). */
  params: readonly (keyof A & string)[];
  pointers?: RuleSpec<A>["wasm"]["pointers"];
}

/** The RuleSpec of a rule from its own parts. */
export function defineRule<A extends FlushAttr>(parts: RuleParts<A>): RuleSpec<A> {
  const { slots, js, params, pointers } = parts;
  const arg = (a: A, k: keyof A & string): number => (k === "flush" ? flushFlag(a.flush) : Number(a[k]));
  const values = new Float64Array(params.length);
  return {
    slots: typeof slots === "function" ? slots : () => slots,
    js: (p, g, s, a) => js(p, g, s, a, flusher(s[0], a.flush)),
    wasm: {
      export: parts.export,
      // a typed array: Array.map's result changes elements kind with its values (all small integers
      // or not), and the replayer of captured steps, which inlines the rule, deoptimized on it; one
      // array for every call (a step's rules run one after the other, each copying its values out)
      params: (a) => {
        for (let i = 0; i < params.length; i++) values[i] = arg(a, params[i]!);
        return values;
      },
      ...(pointers ? { pointers } : {}),
    },
  };
}

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

/** The moving average the moments keep: s·β + x·(1 − β). */
export function ema(s: number, beta: number, x: number): number {
  return s * beta + x * (1 - beta);
}

/** m, or 0 where |m| < floor. */
export function cutTiny(m: number, floor: number): number {
  return Math.abs(m) < floor ? 0 : m;
}

/** f32 flag for the AssemblyScript exports: flush unless asked not to. */
export function flushFlag(flush: boolean | undefined): number {
  return flush === false ? 0 : 1;
}
