/**
 * The optimizer base class (Keras 3 semantics): each step clips the gradients, applies decoupled
 * weight decay, then lets the subclass's pure update rule compute new parameters and slots
 * (moments, accumulators), which are written back with Variable.assign inside a memory scope.
 * `iterations` counts the updates applied; a schedule sees it as its step.
 *
 *   const opt = bp.optimizers.adam({ learningRate: 0.01, clipNorm: 1 });
 *   opt.minimize(() => w.sub(3).square().sum(), [w]);   // one step; returns the loss
 */
import { noGrad } from "../autograd/tape.js";
import { ValueError } from "../errors.js";
import { tensor, zerosLike } from "../tensor/creation.js";
import { tidy } from "../tensor/engine.js";
import type { RuleName, UpdateRuleAttrs } from "../backend/update-rules.js";
import { notReplayable, onReplay, refreshWrite } from "../tensor/capture.js";
import { makeTensor, Tensor, Variable } from "../tensor/tensor.js";
import { fusedStep, StepAttrs, type StepInfo } from "./fused.js";
import { checkState, type NamedTensor, SlotStore } from "./slots.js";
import { checkPairs, type GradientPair } from "./checks.js";
import { clipGradients } from "./clip.js";
import { checkLearningRate, type LearningRate } from "./hyper.js";
import { baseOptions, learningRateConfig, type OptimizerOptions } from "./options.js";
import { lossAndGrads } from "./trainable.js";

export type { GradientPair } from "./checks.js";
export type { StepInfo } from "./fused.js";
export type { NamedTensor } from "./slots.js";
export type { OptimizerOptions } from "./options.js";

/**
 * The base class of optimizers: per-parameter state and an update rule; minimize takes one step.
 *
 * @example
 * const w = bp.variable(bp.tensor([1, 2]));
 * const opt: bp.Optimizer = bp.optimizers.sgd({ learningRate: 0.1 });
 * const loss = opt.minimize(() => w.square().sum(), [w]);   // one step; returns the loss
 * loss;   // => 5
 * w;   // => [0.8, 1.6]
 * opt.iterations;   // => 1
 */
export abstract class Optimizer<S extends string = string> {
  /** Keras class name: "Adam", "SGD", ... (saved with the config). */
  static className = "Optimizer";
  /** Updates already applied; the step a learning-rate schedule sees. */
  iterations = 0;
  readonly clipNorm: number | undefined;
  readonly globalClipNorm: number | undefined;
  readonly clipValue: number | undefined;
  readonly weightDecay: number | undefined;
  /** The slots each variable holds, in creation order (one array per optimizer, e.g. ["m", "v"]). */
  protected abstract readonly slotNames: readonly S[];
  private lr: LearningRate;
  /** The step being applied (read by the refreshers of a replayed step). */
  private live: StepInfo | undefined;
  /** The update rule's attributes of the live step, shared by its parameters. */
  private readonly stepAttrs = new StepAttrs();
  private slotStore: SlotStore<S> | undefined;

  protected constructor(
    options: OptimizerOptions & object,
    defaults: { learningRate: number; weightDecay?: number },
    ownKeys: readonly string[],
  ) {
    const checked = baseOptions(this.className, options, defaults, ownKeys);
    this.lr = checked.learningRate;
    this.clipNorm = checked.clipNorm;
    this.globalClipNorm = checked.globalClipNorm;
    this.clipValue = checked.clipValue;
    this.weightDecay = checked.weightDecay;
  }

  /**
   * The class name of this optimizer ("Adam").
   *
   * @example
   * bp.optimizers.adam().className;   // => "Adam"
   */
  get className(): string {
    return (this.constructor as typeof Optimizer).className;
  }

  /**
   * The learning rate as given: a number or a schedule. Setting it (a callback does) validates it.
   *
   * @example
   * const opt = bp.optimizers.sgd({ learningRate: 0.1 });
   * opt.learningRate = bp.schedules.stepDecay({ initialLearningRate: 0.1, dropEvery: 1, factor: 0.5 });
   * opt.currentLearningRate();   // => 0.1
   */
  get learningRate(): LearningRate {
    return this.lr;
  }

  set learningRate(value: LearningRate) {
    this.lr = checkLearningRate(this.className, value);
  }

  /**
   * The learning rate the next update uses: the schedule's value at `iterations`.
   *
   * @example
   * const w = bp.variable(bp.tensor([1]));
   * const opt = bp.optimizers.sgd({ learningRate: bp.schedules.exponentialDecay({ initialLearningRate: 0.1, decaySteps: 1, decayRate: 0.5 }) });
   * opt.minimize(() => w.square().sum(), [w]);
   * opt.currentLearningRate();   // => 0.05
   */
  currentLearningRate(): number {
    if (typeof this.lr === "number") return this.lr;
    const v = this.lr(this.iterations);
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
      throw new ValueError(
        `${this.className}: the learning-rate schedule gave ${String(v)} at step ${this.iterations}; expected a non-negative number`,
      );
    }
    return v;
  }

  /** The initial value of a slot for `variable` (zeros unless the rule says otherwise). */
  protected initialSlot(_slot: S, variable: Variable): Tensor {
    return zerosLike(variable);
  }

  /** Called once per step before the variables are updated (for per-step quantities such as Nadam's). */
  protected beginStep(_step: StepInfo): void {}

  /**
   * The rule: new parameter and slots from the parameter (a variable whose storage is its own), its
   * (clipped) gradient and its slots; undefined when it updated them in place (a backend's update rule).
   */
  protected abstract update(
    p: Variable,
    g: Tensor,
    slots: Record<S, Tensor>,
    step: StepInfo,
  ): { p: Tensor; slots: Partial<Record<S, Tensor>> } | undefined;

  /** The optimizer's own hyperparameters for getConfig (the base adds learningRate, clipping, weightDecay). */
  protected abstract hyperparameters(): Record<string, unknown>;

  /**
   * One update of each variable from its gradient; a no-op (iterations unchanged) when every gradient is missing.
   *
   * @example
   * const w = bp.variable(bp.tensor([1, 2]));
   * const { grads } = bp.valueAndGrads(() => w.square().sum(), [w]);
   * bp.optimizers.sgd({ learningRate: 0.1 }).applyGradients([{ variable: w, grad: grads[0] }]);
   * w;   // => [0.8, 1.6]
   */
  applyGradients(pairs: readonly GradientPair[]): void {
    const op = `${this.className}.applyGradients`;
    if (!Array.isArray(pairs)) throw new ValueError(`${op}: expected an array of { variable, grad }`);
    const live = checkPairs(op, pairs);
    if (live.length === 0) return;
    noGrad(() =>
      tidy(() => {
        const step = this.startStep();
        // a captured step (compileStep) replays this: the step's learning rate and number afresh, then the rules
        onReplay(() => this.startStep());
        const grads = clipGradients(
          live.map(([v, g]) => (g.dtype === v.dtype ? g : g.cast(v.dtype))),
          this,
        );
        live.forEach(([variable], i) => this.updateVariable(variable, grads[i] as Tensor, step));
      }),
    );
    this.iterations++;
    onReplay(() => this.iterations++);
  }

  /** The step about to be applied: its learning rate and number, after beginStep. */
  private startStep(): StepInfo {
    const step: StepInfo = { lr: this.currentLearningRate(), t: this.iterations + 1 };
    this.beginStep(step);
    this.live = step;
    return step;
  }

  /**
   * The backend's update rule `rule` in place when the slots allow it (see fused.ts); `attrs` gives
   * its attributes for a step, so a replayed step recomputes them. False: use the formula with ops.
   */
  protected fused<R extends RuleName>(
    rule: R,
    p: Variable,
    g: Tensor,
    slots: readonly Tensor[],
    attrs: (step: StepInfo) => UpdateRuleAttrs[R],
    step: StepInfo,
  ): boolean {
    // the live step (one object per step) rather than `step`, which subclasses pass as a new object
    // per parameter: the attributes are made once per step
    const now = this.live ?? step;
    return fusedStep(rule, p, g, slots, (s) => this.stepAttrs.of(rule, s, attrs), now, () => this.live ?? now);
  }

  /**
   * One step on `lossFn`: its gradients with respect to `vars` (default: every trainable variable
   * it reads), then applyGradients. Returns the loss before the update.
   *
   * @example
   * const w = bp.variable(bp.tensor([0]));
   * const opt = bp.optimizers.sgd({ learningRate: 0.1 });
   * opt.minimize(() => w.sub(3).square().sum(), [w]);   // => 9
   * w;   // => [0.6]
   */
  minimize(lossFn: () => Tensor, vars?: readonly Variable[]): number {
    return tidy(() => {
      const { loss, grads, variables } = lossAndGrads(`${this.className}.minimize`, lossFn, vars);
      this.applyGradients(variables.map((variable, i) => ({ variable, grad: grads[i] })));
      return loss;
    });
  }

  private updateVariable(variable: Variable, g: Tensor, step: StepInfo): void {
    const slotVars = this.slots.of(variable, (name, v) => this.initialSlot(name, v));
    // storage shared with a view (a reshape) is copied first: the view keeps the old value, as assign does
    if (variable.storage.refCount !== 1) variable.assign(variable);
    const wd = this.weightDecay;
    if (wd) {
      const factor = makeTensor([], variable.dtype, [step.lr * wd]);
      refreshWrite(factor.storage, () => [(this.live ?? step).lr * wd]);
      variable.assign(variable.sub(variable.mul(factor)));
    }
    const slotValues = slotVars as Record<S, Tensor>;
    const out = this.update(variable, g, slotValues, step);
    if (out === undefined) return;
    // the formula with ops holds the learning rate in constants that a replay would freeze
    notReplayable(`${this.className}: an update with ops (not the backend's rule) cannot be replayed`);
    for (const name of this.slotNames) {
      const next = out.slots[name];
      if (next !== undefined && next !== slotVars[name]) slotVars[name].assign(next);
    }
    variable.assign(out.p);
  }

  /** The slots of every variable (made on first use: slotNames is a subclass field). */
  private get slots(): SlotStore<S> {
    this.slotStore ??= new SlotStore(this.className, this.slotNames);
    return this.slotStore;
  }

  /**
   * The hyperparameters, JSON-serializable: `optimizerFromConfig(opt.className, opt.getConfig())` rebuilds it.
   *
   * @example
   * bp.optimizers.sgd({ learningRate: 0.1, momentum: 0.9 }).getConfig().momentum;   // => 0.9
   */
  getConfig(): Record<string, unknown> {
    const config: Record<string, unknown> = {
      learningRate: learningRateConfig(this.className, this.lr),
      ...this.hyperparameters(),
    };
    for (const k of ["clipNorm", "globalClipNorm", "clipValue", "weightDecay"] as const) {
      if (this[k] !== undefined) config[k] = this[k];
    }
    return config;
  }

  /**
   * Frees the slots (moments, accumulators); the optimizer starts afresh if used again.
   *
   * @example
   * const w = bp.variable(bp.tensor([1]));
   * const opt = bp.optimizers.adam();
   * opt.minimize(() => w.square().sum(), [w]);
   * opt.dispose();   // frees the moments it kept per variable
   * opt.getState().length;   // => 1
   */
  dispose(): void {
    this.slotStore?.dispose();
  }

  /**
   * Copies of the state for save / resume: "iterations" (int32), then each variable's slots.
   *
   * @example
   * const w = bp.variable(bp.tensor([1]), { name: "w" });
   * const opt = bp.optimizers.sgd({ learningRate: 0.1, momentum: 0.9 });
   * opt.minimize(() => w.square().sum(), [w]);
   * opt.getState().map((s) => s.name);   // => ["iterations", "w/velocity"]
   */
  getState(): NamedTensor[] {
    return [{ name: "iterations", value: tensor([this.iterations], [], "int32") }, ...this.slots.copies()];
  }

  /**
   * Restores getState's output. Slots of variables this optimizer has not met yet are kept and used
   * when it first updates a variable of that name.
   *
   * @example
   * const w = bp.variable(bp.tensor([1]), { name: "w" });
   * const a = bp.optimizers.adam();
   * a.minimize(() => w.square().sum(), [w]);
   * const b = bp.optimizers.adam();
   * b.setState(a.getState());   // resume where a stopped
   * b.iterations;   // => 1
   */
  setState(state: readonly NamedTensor[]): void {
    const { iterations, slots } = checkState(`${this.className}.setState`, state);
    if (iterations !== undefined) this.iterations = iterations;
    for (const { name, value } of slots) this.slots.restore(name, value);
  }
}
