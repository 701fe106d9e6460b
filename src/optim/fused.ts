/**
 * When an optimizer may take its backend's one-pass update rule (src/optim/rules) instead of its
 * formula written with ops: the rules update p and the slots in place, so the slots must be the
 * optimizer's own variables — storage shared with nothing, p included — p a variable whose storage
 * is its own, every input of p's float dtype and on p's backend, and the backend must have rules.
 * Otherwise (a caller's own tensors as slots, a backend without rules) the formula runs.
 */
import { isFloat } from "../backend/dtype.js";
import type { RuleName, RuleSpec, UpdateRuleAttrs } from "../backend/update-rules.js";
import { DTypeError, fmtShape, ShapeError, ValueError } from "../errors.js";
import { recorder, recordRule, refreshAttrs } from "../tensor/capture.js";
import { storageBackend } from "../tensor/engine.js";
import { Tensor, Variable } from "../tensor/tensor.js";
import { RULE_SPECS } from "./rules/index.js";

export function fusable(p: Tensor, g: Tensor, slots: readonly Tensor[]): boolean {
  const be = storageBackend(p.storage);
  const own = (t: Tensor): boolean =>
    t instanceof Variable &&
    t.storage.refCount === 1 &&
    t.dtype === p.dtype &&
    storageBackend(t.storage) === be;
  const storages = new Set([p.storage, g.storage, ...slots.map((s) => s.storage)]);
  return (
    be.updateRules !== undefined &&
    isFloat(p.dtype) &&
    own(p) &&
    g.dtype === p.dtype &&
    storageBackend(g.storage) === be &&
    storages.size === slots.length + 2 &&
    slots.every(own)
  );
}

/**
 * Fused updates flush subnormal slot values to zero on every FLUSH_EVERY-th step (t, 1-based): a
 * moment decaying by β = 0.9 spends at most that many steps in the subnormal range instead of ~150
 * (β2 = 0.999: ~7,000), while the check runs on one step in sixteen.
 */
export const FLUSH_EVERY = 16;

export function flushDue(t: number): boolean {
  return t % FLUSH_EVERY === 0;
}

/**
 * What the update rule of a step knows besides the hyperparameters.
 *
 * @example
 * // a custom optimizer: signSGD, p ← p − lr · sign(g); the step's learning rate comes in StepInfo
 * class SignSGD extends bp.Optimizer<never> {
 *   static override className = "SignSGD";
 *   protected readonly slotNames: readonly never[] = [];
 *   constructor(options: bp.OptimizerOptions = {}) {
 *     super(options, { learningRate: 0.01 }, []);
 *   }
 *   protected update(p: bp.Tensor, g: bp.Tensor, _slots: Record<never, bp.Tensor>, step: bp.optimizers.StepInfo) {
 *     return { p: p.sub(g.sign().mul(step.lr)), slots: {} };
 *   }
 *   protected hyperparameters(): Record<string, unknown> {
 *     return {};
 *   }
 * }
 * const w = bp.variable(bp.tensor([3, -2]));
 * new SignSGD({ learningRate: 0.5 }).minimize(() => w.square().sum(), [w]);
 * w;   // => [2.5, -1.5]
 */
export interface StepInfo {
  /** The learning rate of this step (the schedule's value at iterations). */
  lr: number;
  /** 1-based number of this update (iterations + 1). */
  t: number;
}

/**
 * A rule's attributes for a step, made once per step and shared by every parameter the step updates:
 * an optimizer's attributes depend on the step alone (its learning rate and number, and the
 * optimizer's own hyperparameters), and a replayed step would otherwise build two objects per
 * parameter and step. A new step (another StepInfo object) or another rule makes them afresh.
 */
export class StepAttrs {
  private step: StepInfo | undefined;
  private rule: RuleName | undefined;
  private value: unknown;

  of<R extends RuleName>(rule: R, step: StepInfo, attrs: (step: StepInfo) => UpdateRuleAttrs[R]): UpdateRuleAttrs[R] {
    if (step !== this.step || rule !== this.rule) {
      this.value = { ...attrs(step), flush: flushDue(step.t) };
      this.step = step;
      this.rule = rule;
    }
    return this.value as UpdateRuleAttrs[R];
  }
}

/**
 * Runs `rule` in place for `step` when fusable and returns true; false leaves everything untouched.
 * While a step is recorded, the attributes are recomputed from `live()` (the step being replayed)
 * before each replay, so a learning-rate schedule and the bias corrections are not frozen. `attrs`
 * gives the rule's attributes for a step, flush included (see StepAttrs).
 */
export function fusedStep<R extends RuleName>(
  rule: R,
  p: Tensor,
  g: Tensor,
  slots: readonly Tensor[],
  attrs: (step: StepInfo) => UpdateRuleAttrs[R],
  step: StepInfo,
  live: () => StepInfo,
): boolean {
  if (!fusable(p, g, slots)) return false;
  updateInPlace(rule, p, g, slots, attrs(step));
  if (recorder()) refreshAttrs(() => attrs(live()));
  return true;
}

/**
 * Runs the backend's rule `rule` on the variable p and its slot variables in place, after checking
 * them: p's float dtype and shape everywhere, storage of p and each slot shared with nothing, finite
 * hyperparameters. A backend without rules is a ValueError (optimizers check fusable first).
 *
 *   updateInPlace("momentum", w, g, [velocity], { lr: 0.1, momentum: 0.9, nesterov: false });
 */
export function updateInPlace<R extends RuleName>(
  rule: R,
  p: Tensor,
  g: Tensor,
  slots: readonly Tensor[],
  attrs: UpdateRuleAttrs[R],
): void {
  const op = `update rule ${String(rule)}`;
  const be = storageBackend(p.storage);
  const table = be.updateRules;
  if (!table || !(rule in table)) throw new ValueError(`${op}: the ${be.name} backend has no such rule`);
  const expected = (RULE_SPECS[rule] as RuleSpec<UpdateRuleAttrs[R]>).slots(attrs);
  if (slots.length !== expected.length) {
    throw new ValueError(
      `${op}: expected ${expected.length} slots (${expected.join(", ") || "none"}), got ${slots.length}`,
    );
  }
  const names = ["p", "g", ...expected];
  [p, g, ...slots].forEach((t, i) => {
    if (!(t instanceof Tensor)) throw new ValueError(`${op}: ${names[i]} must be a Tensor`);
    if (!isFloat(t.dtype) || t.dtype !== p.dtype)
      throw new DTypeError(
        `${op}: ${names[i]} must be a float tensor of p's dtype ${p.dtype}, got ${t.dtype}`,
      );
    if (t.rank !== p.rank || t.shape.some((d, k) => d !== p.shape[k])) {
      throw new ShapeError(
        `${op}: ${names[i]} shape ${fmtShape(t.shape)} differs from p shape ${fmtShape(p.shape)}`,
      );
    }
    if (storageBackend(t.storage) !== be)
      throw new ValueError(`${op}: ${names[i]} is on another backend than p`);
  });
  const all = [p, g, ...slots];
  all.forEach((t, i) => {
    if (i === 1) return;
    const shared = t.storage.refCount !== 1 || all.some((o, k) => k !== i && o.storage === t.storage);
    if (!(t instanceof Variable) || shared) {
      throw new ValueError(
        `${op}: ${names[i]} is updated in place, so it must be a variable whose storage nothing else shares`,
      );
    }
  });
  for (const [k, v] of Object.entries(attrs)) {
    if (typeof v === "number" && !Number.isFinite(v))
      throw new ValueError(`${op}: ${k} must be a finite number, got ${v}`);
  }
  const fn = table[rule];
  if (recorder()) recordRule(rule, fn, p, g, slots, attrs);
  fn(p, g, slots, attrs);
}
