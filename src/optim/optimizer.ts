/**
 * The optimizer base class (Keras 3 semantics): each step clips the gradients, applies decoupled
 * weight decay, then lets the subclass's pure update rule compute new parameters and slots
 * (moments, accumulators), which are written back with Variable.assign inside a memory scope.
 * `iterations` counts the updates applied; a schedule sees it as its step.
 *
 *   const opt = bp.optimizers.adam({ learningRate: 0.01, clipNorm: 1 });
 *   opt.minimize(() => w.sub(3).square().sum(), [w]);   // one step; returns the loss
 */
import { valueAndGrads } from "../autograd/grad.js";
import { noGrad } from "../autograd/tape.js";
import { fmtShape, ShapeError, ValueError } from "../errors.js";
import { tensor, zerosLike } from "../tensor/creation.js";
import { keep, tidy } from "../tensor/engine.js";
import type { RuleName, UpdateRuleAttrs } from "../backend/update-rules.js";
import { notReplayable, onReplay, refreshWrite } from "../tensor/capture.js";
import { makeTensor, Tensor, Variable } from "../tensor/tensor.js";
import { fusedStep } from "./fused.js";
import { checkPairs, checkSlotShape, type GradientPair } from "./checks.js";
import { clipByGlobalNorm, clipByNorm, clipByValue } from "./clip.js";
import { checkKeys, checkLearningRate, nonNegative, positiveOrUnset, type LearningRate } from "./hyper.js";
import type { ScheduleConfig } from "./schedules.js";
import { valueAndTrainableGrads } from "./trainable.js";

export type { GradientPair } from "./checks.js";

/**
 * Options every optimizer takes.
 *
 * @example
 * const options: bp.OptimizerOptions = { learningRate: 0.01, clipNorm: 1, weightDecay: 1e-4 };
 * bp.optimizers.rmsprop(options).clipNorm;   // => 1
 */
export interface OptimizerOptions {
  /** A number, or a schedule of the step from `bp.schedules`. */
  learningRate?: LearningRate;
  /** Rescale each gradient tensor to this L2 norm when its norm exceeds it. */
  clipNorm?: number;
  /** Rescale all gradients together when their joint L2 norm exceeds this. */
  globalClipNorm?: number;
  /** Clip every gradient element to [−clipValue, clipValue]. */
  clipValue?: number;
  /** Decoupled weight decay: p ← p − lr·weightDecay·p before each update. */
  weightDecay?: number;
}

const BASE_KEYS = ["learningRate", "clipNorm", "globalClipNorm", "clipValue", "weightDecay"] as const;

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
  private readonly slots = new Map<Variable, Record<S, Variable>>();
  private readonly pending = new Map<string, Tensor>();

  protected constructor(
    options: OptimizerOptions & object,
    defaults: { learningRate: number; weightDecay?: number },
    ownKeys: readonly string[],
  ) {
    const op = this.className;
    checkKeys(op, options, [...BASE_KEYS, ...ownKeys]);
    this.lr = checkLearningRate(op, options.learningRate ?? defaults.learningRate);
    this.clipNorm = positiveOrUnset(op, "clipNorm", options.clipNorm);
    this.globalClipNorm = positiveOrUnset(op, "globalClipNorm", options.globalClipNorm);
    this.clipValue = positiveOrUnset(op, "clipValue", options.clipValue);
    const clips = (["clipNorm", "globalClipNorm", "clipValue"] as const).filter((k) => this[k] !== undefined);
    if (clips.length > 1)
      throw new ValueError(
        `${op}: set only one of clipNorm, globalClipNorm, clipValue; got ${clips.join(" and ")}`,
      );
    const wd = options.weightDecay ?? defaults.weightDecay;
    this.weightDecay = wd === undefined ? undefined : nonNegative(op, "weightDecay", wd, 0);
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
        const grads = this.clip(live.map(([v, g]) => (g.dtype === v.dtype ? g : g.cast(v.dtype))));
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
  protected fused<R extends RuleName>(rule: R, p: Variable, g: Tensor, slots: readonly Tensor[], attrs: (step: StepInfo) => UpdateRuleAttrs[R], step: StepInfo): boolean {
    return fusedStep(rule, p, g, slots, attrs, step, () => this.live ?? step);
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
    const op = `${this.className}.minimize`;
    if (typeof lossFn !== "function") throw new ValueError(`${op}: expected a function returning the loss`);
    return tidy(() => {
      let value: Tensor;
      let grads: Tensor[];
      let variables: readonly Variable[];
      if (vars === undefined) {
        ({ value, grads, variables } = valueAndTrainableGrads(op, lossFn));
      } else {
        if (!Array.isArray(vars) || vars.some((v) => !(v instanceof Variable))) {
          throw new ValueError(`${op}: vars must be an array of Variables (bp.variable(...))`);
        }
        ({ value, grads } = valueAndGrads(lossFn, vars));
        variables = vars;
      }
      if (value.size !== 1)
        throw new ShapeError(`${op}: the loss must be a scalar, got shape ${fmtShape(value.shape)}`);
      const loss = value.item();
      this.applyGradients(variables.map((variable, i) => ({ variable, grad: grads[i] })));
      return loss;
    });
  }

  private clip(grads: Tensor[]): Tensor[] {
    const { clipNorm, globalClipNorm, clipValue } = this;
    if (clipNorm !== undefined) return grads.map((g) => clipByNorm(g, clipNorm));
    if (globalClipNorm !== undefined) return clipByGlobalNorm(grads, globalClipNorm);
    if (clipValue !== undefined) return grads.map((g) => clipByValue(g, clipValue));
    return grads;
  }

  private updateVariable(variable: Variable, g: Tensor, step: StepInfo): void {
    const slotVars = this.slotsOf(variable);
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

  private slotsOf(variable: Variable): Record<S, Variable> {
    let s = this.slots.get(variable);
    if (s) return s;
    s = {} as Record<S, Variable>;
    for (const name of this.slotNames) {
      const key = `${variable.name}/${name}`;
      const saved = this.pending.get(key);
      if (saved) this.pending.delete(key);
      const init = saved ?? this.initialSlot(name, variable);
      checkSlotShape(this.className, key, init, variable);
      s[name] = keep(new Variable(init, { trainable: false, name: key }));
      if (saved) saved.dispose();
    }
    this.slots.set(variable, s);
    return s;
  }

  /**
   * The hyperparameters, JSON-serializable: `optimizerFromConfig(opt.className, opt.getConfig())` rebuilds it.
   *
   * @example
   * bp.optimizers.sgd({ learningRate: 0.1, momentum: 0.9 }).getConfig().momentum;   // => 0.9
   */
  getConfig(): Record<string, unknown> {
    const config: Record<string, unknown> = {
      learningRate: this.learningRateConfig(),
      ...this.hyperparameters(),
    };
    for (const k of ["clipNorm", "globalClipNorm", "clipValue", "weightDecay"] as const) {
      if (this[k] !== undefined) config[k] = this[k];
    }
    return config;
  }

  private learningRateConfig(): number | ScheduleConfig {
    const lr = this.lr;
    if (typeof lr === "number") return lr;
    if ("getConfig" in lr && typeof lr.getConfig === "function") return lr.getConfig();
    throw new ValueError(
      `${this.className}.getConfig: a custom learning-rate function cannot be saved; use a schedule from bp.schedules`,
    );
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
    for (const slots of this.slots.values()) for (const name of this.slotNames) slots[name].dispose();
    for (const t of this.pending.values()) t.dispose();
    this.slots.clear();
    this.pending.clear();
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
    const state: NamedTensor[] = [{ name: "iterations", value: tensor([this.iterations], [], "int32") }];
    const names = new Set<string>();
    for (const [variable, slots] of this.slots) {
      if (names.has(variable.name)) {
        throw new ValueError(
          `${this.className}.getState: two variables are named "${variable.name}"; slot names must be unique`,
        );
      }
      names.add(variable.name);
      for (const name of this.slotNames)
        state.push({ name: `${variable.name}/${name}`, value: tensor(slots[name]) });
    }
    return state;
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
    const op = `${this.className}.setState`;
    if (!Array.isArray(state)) throw new ValueError(`${op}: expected an array of { name, value }`);
    const byName = new Map<string, Variable>();
    for (const [variable, slots] of this.slots)
      for (const n of this.slotNames) byName.set(`${variable.name}/${n}`, slots[n]);
    for (const entry of state) {
      if (!entry || typeof entry.name !== "string" || !(entry.value instanceof Tensor)) {
        throw new ValueError(`${op}: each entry must be { name: string, value: Tensor }`);
      }
      const { name, value } = entry;
      if (name === "iterations") {
        const it = value.item();
        if (!Number.isInteger(it) || it < 0)
          throw new ValueError(`${op}: iterations must be a non-negative integer, got ${it}`);
        this.iterations = it;
        continue;
      }
      const slot = byName.get(name);
      if (slot) {
        checkSlotShape(this.className, name, value, slot);
        slot.assign(value);
      } else {
        this.pending.get(name)?.dispose();
        this.pending.set(name, keep(tensor(value)));
      }
    }
  }
}
