/**
 * An optimizer's state beside its hyperparameters: one slot variable per (variable, slot name) —
 * moments, accumulators — made on a variable's first update, plus the slots restored by setState for
 * variables not met yet, which are used when a variable of that name first updates.
 */
import { ValueError } from "../errors.js";
import { tensor } from "../tensor/creation.js";
import { keep } from "../tensor/engine.js";
import { Tensor, Variable } from "../tensor/tensor.js";
import { checkSlotShape } from "./checks.js";

/**
 * A named optimizer tensor for save / resume: "iterations" or `${variable.name}/${slot}`.
 *
 * @example
 * const w = bp.variable(bp.tensor([1]), { name: "w" });
 * const opt = bp.optimizers.adam();
 * opt.minimize(() => w.square().sum(), [w]);
 * const state: bp.optimizers.NamedTensor[] = opt.getState();
 * state.map((s) => s.name);   // => ["iterations", "w/m", "w/v"]
 */
export interface NamedTensor {
  name: string;
  value: Tensor;
}

/**
 * setState's input checked: an array of { name, value } entries; "iterations" a non-negative
 * integer. Returns it and the slot entries, in order.
 */
export function checkState(
  op: string,
  state: readonly NamedTensor[],
): { iterations: number | undefined; slots: NamedTensor[] } {
  if (!Array.isArray(state)) throw new ValueError(`${op}: expected an array of { name, value }`);
  let iterations: number | undefined;
  const slots: NamedTensor[] = [];
  for (const entry of state) {
    if (!entry || typeof entry.name !== "string" || !(entry.value instanceof Tensor)) {
      throw new ValueError(`${op}: each entry must be { name: string, value: Tensor }`);
    }
    if (entry.name !== "iterations") {
      slots.push(entry);
      continue;
    }
    const it = entry.value.item();
    if (!Number.isInteger(it) || it < 0)
      throw new ValueError(`${op}: iterations must be a non-negative integer, got ${it}`);
    iterations = it;
  }
  return { iterations, slots };
}

export class SlotStore<S extends string> {
  private readonly slots = new Map<Variable, Record<S, Variable>>();
  private readonly pending = new Map<string, Tensor>();

  /** `owner` names the optimizer in errors. */
  constructor(
    private readonly owner: string,
    private readonly names: readonly S[],
  ) {}

  /** The slot variables of `variable`, made on first use from a restored slot or `initial`. */
  of(variable: Variable, initial: (slot: S, variable: Variable) => Tensor): Record<S, Variable> {
    let s = this.slots.get(variable);
    if (s) return s;
    s = {} as Record<S, Variable>;
    for (const name of this.names) {
      const key = `${variable.name}/${name}`;
      const saved = this.pending.get(key);
      if (saved) this.pending.delete(key);
      const init = saved ?? initial(name, variable);
      checkSlotShape(this.owner, key, init, variable);
      s[name] = keep(new Variable(init, { trainable: false, name: key }));
      if (saved) saved.dispose();
    }
    this.slots.set(variable, s);
    return s;
  }

  /** Copies of every slot, named `${variable.name}/${slot}` (variable names must be unique). */
  copies(): NamedTensor[] {
    const state: NamedTensor[] = [];
    const seen = new Set<string>();
    for (const [variable, slots] of this.slots) {
      if (seen.has(variable.name)) {
        throw new ValueError(
          `${this.owner}.getState: two variables are named "${variable.name}"; slot names must be unique`,
        );
      }
      seen.add(variable.name);
      for (const name of this.names)
        state.push({ name: `${variable.name}/${name}`, value: tensor(slots[name]) });
    }
    return state;
  }

  /** Restores the slot `name` (`${variable.name}/${slot}`): now if it exists, else when it is made. */
  restore(name: string, value: Tensor): void {
    for (const [variable, slots] of this.slots) {
      for (const n of this.names) {
        if (`${variable.name}/${n}` !== name) continue;
        checkSlotShape(this.owner, name, value, slots[n]);
        slots[n].assign(value);
        return;
      }
    }
    this.pending.get(name)?.dispose();
    this.pending.set(name, keep(tensor(value)));
  }

  /** Frees every slot and restored value. */
  dispose(): void {
    for (const slots of this.slots.values()) for (const name of this.names) slots[name].dispose();
    for (const t of this.pending.values()) t.dispose();
    this.slots.clear();
    this.pending.clear();
  }
}
