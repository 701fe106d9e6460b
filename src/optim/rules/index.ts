/**
 * The update rules, one file each beside their optimizer: every backend builds its rule table from
 * this list (the rule names and attribute types come from it). A new rule takes four places: its
 * file here (attributes, slot names, js formula, AssemblyScript export and argument order), its row
 * below, its AssemblyScript kernel in src/backend/wasm/assembly/optim.ts (`npm run build:wasm`
 * generates the export list and types), and the optimizer's fusedStep call; plus a row in
 * test/wasm/optimizer-update.test.ts.
 */
import type { Storage, KernelTensor } from "../../backend/backend.js";
import type { TypedArray } from "../../backend/dtype.js";
import { ruleTable, type RuleName, type UpdateRuleTable } from "../../backend/update-rules.js";
import { adadelta } from "./adadelta.js";
import { adagrad } from "./adagrad.js";
import { adam } from "./adam.js";
import { adamax } from "./adamax.js";
import { nadam } from "./nadam.js";
import { rmsprop } from "./rmsprop.js";
import { momentum, sgd } from "./sgd.js";

export const RULE_SPECS = { adam, sgd, momentum, rmsprop, adagrad, adadelta, adamax, nadam };

export const RULE_NAMES = Object.keys(RULE_SPECS) as RuleName[];

/** A rule table that runs each rule's js formula on the typed arrays `data` gives for a tensor. */
export function jsRuleTable<S extends Storage>(data: (t: KernelTensor<S>) => TypedArray): UpdateRuleTable<S> {
  return ruleTable<S>(
    RULE_SPECS,
    (spec) => (p, g, slots, attrs) => spec.js(data(p), data(g), slots.map(data), attrs),
  );
}
