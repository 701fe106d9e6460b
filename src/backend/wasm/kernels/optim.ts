/**
 * The wasm backend's update rules: each rule's AssemblyScript export (float32), run in place (the
 * export's output pointer is p itself: every element of p is read before it is written); float64
 * runs the rule's js formula on the JS-heap arrays. The glue is generic over the rule specs.
 */
import {
  ruleTable,
  type RuleSpec,
  type RuleSpecs,
  type UpdateRule,
  type UpdateRuleTable,
} from "../../update-rules.js";
import type { WasmRuntime } from "../runtime.js";
import { streamWork, type WasmStorage, type WasmTensor } from "./common.js";
import { jsView } from "./via-js.js";

function wasmRule<A>(rt: WasmRuntime, spec: RuleSpec<A>): UpdateRule<WasmStorage, A> {
  const { export: name, pointers: pick, params } = spec.wasm;
  // the slots' pointers, reused (a step runs each of its rules once per parameter)
  const given: number[] = [];
  // the attributes' values for the export, made once per attributes object (a step's parameters
  // share one, see StepAttrs), as tagged numbers: calling the export with values from an array of
  // doubles boxes every fraction on every call
  const values = taggedArray();
  let valuesOf: unknown;
  /** Writes the export's arguments after (share, shares, scratch) into args; returns their count. */
  const fill = (args: number[], p: WasmTensor, g: WasmTensor, slots: readonly WasmTensor[], attrs: A): number => {
    // written by index into arrays of one elements kind, the same way every call (spreading
    // Array.map's result here deoptimized the replayer of captured steps; emptying an array with
    // length = 0 would drop its backing store)
    for (let i = 0; i < slots.length; i++) given[i] = slots[i]!.storage.ptr;
    given.length = slots.length;
    const ptrs = pick ? pick(given, attrs) : given;
    if (attrs !== valuesOf) {
      const v = params(attrs);
      for (let i = 0; i < v.length; i++) values[i] = v[i]!;
      values.length = v.length;
      valuesOf = attrs;
    }
    let k = 0;
    args[k++] = p.storage.ptr;
    args[k++] = g.storage.ptr;
    for (let i = 0; i < ptrs.length; i++) args[k++] = ptrs[i]!;
    args[k++] = p.storage.ptr;
    args[k++] = p.size;
    for (let i = 0; i < values.length; i++) args[k++] = values[i]!;
    args.length = k;
    return k;
  };
  // the arguments' array, reused: the call has copied them into WebAssembly memory when it returns
  const reused = taggedArray();
  return (p, g, slots, attrs) => {
    try {
      if (p.dtype === "float64") {
        spec.js(
          jsView(rt, p),
          jsView(rt, g),
          slots.map((s) => jsView(rt, s)),
          attrs,
        );
        return;
      }
      // bytes streamed: p, g and a second pass over p, and each slot read and written
      const work = streamWork(p.size * 4 * (3 + 2 * slots.length));
      const count = fill(reused, p, g, slots, attrs);
      const at = rt.runArgs(name, work, reused);
      if (rt.noting) {
        // a captured step's replays make this call from its notes: the learning rate and the step
        // count (bias corrections, the flush flag) are written into its noted arguments each time,
        // after the pointers and the size, which stay (a rule that picks its slots' pointers by its
        // attributes checks they still do)
        const fixed = count - values.length;
        const n = values.length;
        const ptrs = slots.map((s) => s.storage.ptr);
        const picked = pick ? pick(ptrs, attrs) : [];
        rt.noteRefill((a) => {
          if (pick && !samePointers(pick(ptrs, a as A), picked)) return false;
          const v = params(a as A);
          if (v.length !== n) return false;
          rt.writeArgs(at + fixed * 8, v);
          return true;
        });
      }
    } finally {
      rt.endKernel();
    }
  };
}

function samePointers(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * An empty array whose elements are tagged values (any number, kept as V8 stores it: a fraction as
 * a heap number made once): an array of doubles, by contrast, boxes its fractions afresh whenever
 * they are spread into or passed to a call.
 */
function taggedArray(): number[] {
  const a: unknown[] = [""];
  a.pop();
  return a as number[];
}

export function updateRules(rt: WasmRuntime, specs: RuleSpecs): UpdateRuleTable<WasmStorage> {
  return ruleTable<WasmStorage>(specs, (spec) => wasmRule(rt, spec));
}
