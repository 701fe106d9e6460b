/**
 * The update-rule contract: an optimizer's one-pass step over a parameter, beside (not inside) the
 * kernel table. A rule updates the parameter p AND its slots IN PLACE, so a parameter keeps its
 * storage from step to step; it is not differentiable and not a primitive. Each rule declares its
 * attributes once, in its own file under src/optim/rules, as the type argument of its RuleSpec; the
 * list of specs (RULE_SPECS) gives the rule names and their attributes here.
 *
 * A backend without a table (or a dtype its rules do not take) leaves the optimizer its formula written with ops.
 */
import type { KernelTensor, Storage } from "./backend.js";
import type { TypedArray } from "./dtype.js";
import type { ShareFnName } from "./wasm/runtime.js";
import type { RULE_SPECS } from "../optim/rules/index.js";

/**
 * Whether a rule sets slot values that turned subnormal (magnitude below the dtype's smallest normal
 * number) to zero. Default true; the optimizers flush every FLUSH_EVERY-th step (src/optim/fused.ts),
 * which keeps decaying moments out of the slow subnormal range at a sixteenth of the cost of checking
 * every step.
 */
export interface FlushAttr {
  flush?: boolean;
}

type AttrsOf<S> = S extends RuleSpec<infer A> ? A : never;

/** Each rule's attributes, by rule name, as its spec in src/optim/rules declares them. */
export type UpdateRuleAttrs = { [R in keyof typeof RULE_SPECS]: AttrsOf<(typeof RULE_SPECS)[R]> };

export type RuleName = keyof UpdateRuleAttrs;

/** Updates p and slots (same dtype and size as p, storage shared with nothing) in place from the gradient g. */
export type UpdateRule<S extends Storage, A> = (
  p: KernelTensor<S>,
  g: KernelTensor<S>,
  slots: readonly KernelTensor<S>[],
  attrs: A,
) => void;

/** A backend's update rules, one per rule name: a missing rule is a type error. */
export type UpdateRuleTable<S extends Storage> = { [R in RuleName]: UpdateRule<S, UpdateRuleAttrs[R]> };

/**
 * One rule written once per language: `js`, the formula over typed arrays (the js backend's rule, and
 * float64 on wasm), and the AssemblyScript export that runs it in float32 with its arguments after
 * the pointers — export(share, shares, scratch, p, g, ...slots, out = p, n, ...params).
 */
export interface RuleSpec<A> {
  /** The slots' names, in the order the rule takes them, for these attributes. */
  slots: (attrs: A) => readonly string[];
  js: (p: TypedArray, g: TypedArray, slots: readonly TypedArray[], attrs: A) => void;
  wasm: {
    export: ShareFnName;
    /** The slot pointers the export takes, from the slots given (default: all of them, in order). */
    pointers?: (ptrs: readonly number[], attrs: A) => number[];
    /**
     * The export's parameters after n (a typed array: one hidden class, whatever the values). The
     * same array at every call, overwritten: the caller copies the values out before the next call.
     */
    params: (attrs: A) => Float64Array;
  };
}

/** Every rule's spec, by name (src/optim/rules/index.ts lists them). */
export type RuleSpecs = { [R in RuleName]: RuleSpec<UpdateRuleAttrs[R]> };

/** A backend's rule table: one rule per spec, made by `make` (the js formula, or a kernel export's glue). */
export function ruleTable<S extends Storage>(
  specs: RuleSpecs,
  make: <A>(spec: RuleSpec<A>) => UpdateRule<S, A>,
): UpdateRuleTable<S> {
  const table = {} as Record<RuleName, UpdateRule<S, never>>;
  const add = <R extends RuleName>(name: R): void => {
    table[name] = make(specs[name] as RuleSpec<UpdateRuleAttrs[R]>);
  };
  for (const name of Object.keys(specs) as RuleName[]) add(name);
  return table as UpdateRuleTable<S>;
}
