/**
 * Captured steps: `bp.compileStep(fn)` runs fn eagerly at first, then records two calls as programs
 * (capture.ts), compares them, and when they agree replays the program for later calls with inputs
 * of the same shapes — the same kernels on the same storage, with a reusable arena for temporaries,
 * as tf.function and CUDA graphs do. Results are bit for bit those of eager calls. A call with other
 * input shapes runs eagerly; a change of `key` records afresh; a step that reads values back, or
 * whose recordings differ in anything no refresher covers, stays eager.
 *
 *   const step = bp.compileStep((x, y) => { opt.minimize(() => loss(x, y), [w]); });
 *   for (const [x, y] of batches) step(x, y);
 *   step.dispose();
 */
import type { Backend, Storage } from "../backend/backend.js";
import { ValueError } from "../errors.js";
import { Recorder, recorder, setRecorder } from "./capture.js";
import { compare, copyInto, externals, releaseNotes, replay, results, type Program, type Result } from "./program.js";
import { allocStorage, backend, release, retain, tidy } from "./engine.js";
import { sameShape } from "./shape.js";
import { makeTensor, Tensor } from "./tensor.js";

let enabled = true;

/** Counts of the calls of every captured step, and why steps gave up capturing (for tests and benchmarks). */
export const captureStats = { eager: 0, recorded: 0, replayed: 0, gaveUp: [] as string[] };

/**
 * Turns captured steps on or off everywhere (fit's `capture` option does it for one fit).
 *
 * @example
 * bp.setCapture(false);   // every step runs eagerly from now on
 * bp.getCapture();   // => false
 * bp.setCapture(true);
 */
export function setCapture(on: boolean): void {
  if (typeof on !== "boolean") throw new ValueError(`setCapture: expected true or false, got ${String(on)}`);
  enabled = on;
}

/**
 * Whether captured steps are on (default true).
 *
 * @example
 * bp.getCapture();   // => true
 */
export function getCapture(): boolean {
  return enabled;
}

/**
 * Options of compileStep.
 *
 * @example
 * const w = bp.variable(bp.ones([2, 1]));
 * const options: bp.CompileStepOptions = { key: () => [w.storage] };
 * const step = bp.compileStep((x) => x.matmul(w), options);
 * step(bp.ones([3, 2])).shape;   // => [3, 1]
 * step.dispose();
 */
export interface CompileStepOptions {
  /**
   * Values that, when any changes (compared with ===), make the step record afresh (e.g. the model's
   * weights). The step keeps a copy of the values, so the function may refill and return one array.
   */
  key?: () => readonly unknown[];
  /**
   * true: the results are the program's own tensors, overwritten by the next call, instead of copies
   * (a step fed from them, such as an optimizer update after a gradient step, then reads them in place).
   */
  share?: boolean;
}

/**
 * A captured step: call it like fn; `mode` tells how the last call ran; dispose frees its memory.
 *
 * @example
 * const step: bp.CompiledStep<bp.Tensor> = bp.compileStep((x) => x.mul(2).add(1));
 * for (let i = 0; i < 4; i++) bp.tidy(() => step(bp.tensor([1, 2])));
 * step.mode;   // => "replayed"
 * step.run([bp.tensor([5, 6])]);   // => [11, 13]
 * step.dispose();
 */
export interface CompiledStep<R extends Result> {
  (...inputs: Tensor[]): R;
  /** How the last call ran: "eager", "recorded" or "replayed". */
  readonly mode: "eager" | "recorded" | "replayed";
  /** Why the step stays eager, once it has given up capturing (e.g. a value read back during the step). */
  readonly reason: string | undefined;
  /** The same call with the inputs in an array. */
  run(inputs: readonly Tensor[]): R;
  /** Releases the program and its arena; the step starts afresh if called again. */
  dispose(): void;
}

/** A program's input signature and operations: the same for the same step recorded again. */
function describeProgram(p: Program): string {
  const sig = `${p.rec.be.name}|${p.inputSpecs.map((x) => `${x.dtype}[${x.shape.join(",")}]`).join("|")}`;
  const ops = p.ops.map((op) => ("name" in op ? `${op.k}:${op.name}` : op.k)).join(",");
  return `${sig}#${p.ops.length}#${ops}#${p.outputs.map((o) => o.shape.join("x")).join(",")}`;
}

/** Whether xs would be recorded as the program's inputs: the same backend, dtypes and shapes. */
function sameInputs(p: Program, be: Backend, xs: readonly Tensor[]): boolean {
  const specs = p.inputSpecs;
  if (p.rec.be !== be || specs.length !== xs.length) return false;
  for (let i = 0; i < xs.length; i++) {
    if (xs[i]!.dtype !== specs[i]!.dtype || !sameShape(xs[i]!.shape, specs[i]!.shape)) return false;
  }
  return true;
}

/** Whether every storage the program uses from outside is still alive. */
function alive(storages: readonly Storage[]): boolean {
  for (let i = 0; i < storages.length; i++) if (storages[i]!.refCount <= 0) return false;
  return true;
}

/** Whether two keys hold the same values, compared with ===. */
function sameKey(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Compiles `fn` (tensors in, a tensor, an array of tensors or nothing out) into a captured step.
 *
 * @example
 * const w = bp.variable(bp.zeros([3, 1]));
 * const opt = bp.optimizers.sgd({ learningRate: 0.01 });
 * const step = bp.compileStep((x, y) => {
 *   const [g] = bp.grads((v) => bp.losses.meanSquaredError(y, x.matmul(v)))([w]);
 *   opt.applyGradients([{ variable: w, grad: g }]);
 * });
 * const x = bp.tensor([[1, 2, 3], [4, 5, 6]]);
 * const y = bp.tensor([[1], [2]]);
 * for (let i = 0; i < 5; i++) bp.tidy(() => step(x, y));
 * step.mode;   // => "replayed"
 * step.dispose();
 */
export function compileStep<R extends Result>(
  fn: (...inputs: Tensor[]) => R,
  options: CompileStepOptions = {},
): CompiledStep<R> {
  if (typeof fn !== "function")
    throw new ValueError(
      `compileStep: expected a function of tensors, got ${fn === null ? "null" : typeof fn}`,
    );
  if (
    typeof options !== "object" ||
    options === null ||
    (options.key !== undefined && typeof options.key !== "function") ||
    (options.share !== undefined && typeof options.share !== "boolean")
  ) {
    throw new ValueError("compileStep: options must be { key?: () => unknown[], share?: boolean }");
  }
  const share = options.share ?? false;
  let first: Program | undefined;
  let program: Program | undefined;
  let warm = false;
  let gaveUp: string | undefined;
  let lastKey: readonly unknown[] | undefined;
  let mode: CompiledStep<R>["mode"] = "eager";

  const drop = (p: Program | undefined): undefined => {
    if (p) {
      releaseNotes(p);
      p.rec.releaseArena();
      for (const o of p.outputs) release(o.storage);
      for (const s of p.inputs) release(s);
    }
    return undefined;
  };
  const reset = (): void => {
    first = drop(first);
    program = drop(program);
    warm = false;
    gaveUp = undefined;
  };
  const eager = (xs: readonly Tensor[]): R => {
    mode = "eager";
    captureStats.eager++;
    return checked(fn(...xs));
  };

  // A call that replays takes this short path, which V8 compiles early and cheaply (it runs once
  // per step); plain loops, no closures or strings on it: before V8 optimizes it (a fit's first
  // epochs) every closure and string costs interpreter time. The rest is `other`'s.
  const run = (xs: readonly Tensor[]): R => {
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i];
      if (!(x instanceof Tensor))
        throw new ValueError(
          `compileStep: argument ${i} must be a Tensor, got ${x === null ? "null" : typeof x}`,
        );
    }
    if (!enabled || recorder()) return eager(xs);
    const key = options.key?.();
    const p = program;
    if (p !== undefined && (key === undefined || (lastKey !== undefined && sameKey(key, lastKey)))) {
      const be = backend();
      if (sameInputs(p, be, xs) && alive(p.externals)) {
        mode = "replayed";
        captureStats.replayed++;
        if (!be.runProgram) return replay<R>(p, xs, share);
        p.description ??= describeProgram(p);
        return be.runProgram(p.description, () => replay<R>(p, xs, share));
      }
    }
    return other(xs, key);
  };

  /** A call that does not replay (as `run`, with the step's key read): eager, or recording. */
  const other = (xs: readonly Tensor[], key: readonly unknown[] | undefined): R => {
    const changed = key !== undefined && (lastKey === undefined || !sameKey(key, lastKey));
    if (changed && lastKey) reset();
    // a copy (the caller may refill its array), made only when the key changed
    if (changed) lastKey = Array.from(key);
    const be = backend();
    if (program) {
      // run did not replay it: other input shapes run eagerly; the same ones found storage the
      // program uses freed, and it records afresh (a new key has already dropped it)
      if (!sameInputs(program, be, xs)) return eager(xs);
      reset();
    }
    if (gaveUp !== undefined || !warm || (first && !sameInputs(first, be, xs))) {
      warm = true;
      return eager(xs);
    }
    const { result, p } = record(be, fn, xs, share);
    mode = "recorded";
    captureStats.recorded++;
    if (p.rec.broken !== undefined) {
      gaveUp = p.rec.broken;
      captureStats.gaveUp.push(gaveUp);
      drop(p);
      first = drop(first);
    } else if (!first) first = p;
    else {
      const diff = compare(first, p);
      first = drop(first);
      if (diff === undefined) program = p;
      else {
        gaveUp = `two recorded steps differ: ${diff}`;
        captureStats.gaveUp.push(gaveUp);
        drop(p);
      }
    }
    return result;
  };
  const call = (...xs: Tensor[]): R => run(xs);
  Object.defineProperty(call, "mode", { get: () => mode });
  Object.defineProperty(call, "reason", { get: () => gaveUp });
  const step = call as CompiledStep<R>;
  step.run = run;
  step.dispose = () => {
    reset();
    lastKey = undefined;
  };
  return step;
}

/** fn's result, checked: a Tensor, an array of Tensors or nothing. */
function checked<R extends Result>(result: R): R {
  const ok =
    result === undefined ||
    result instanceof Tensor ||
    (Array.isArray(result) && result.every((t) => t instanceof Tensor));
  if (!ok)
    throw new ValueError(
      `compileStep: the step must return a Tensor, an array of Tensors or nothing, got ${describe(result)}`,
    );
  return result;
}

function describe(v: unknown): string {
  return v === null ? "null" : Array.isArray(v) ? "an array with other values than Tensors" : typeof v;
}

/** Output storage of programs that share their results: stable from call to call, so a step fed from one reads it in place. */
const shared = new WeakSet<Storage>();

/** The program's storage for input x: x's own when another program shares it, else new (retained either way). */
function inputStorage(be: Backend, x: Tensor): Storage {
  if (shared.has(x.storage)) {
    retain(x.storage);
    return x.storage;
  }
  const s = allocStorage(x.dtype, x.size, be, "compileStep input");
  retain(s);
  return s;
}

/** Runs fn once on the program's input storage while recording; returns its result and the program. */
function record<R extends Result>(
  be: Backend,
  fn: (...inputs: Tensor[]) => R,
  xs: readonly Tensor[],
  share: boolean,
): { result: R; p: Program } {
  const storages = xs.map((x) => inputStorage(be, x));
  const ins = xs.map((x, i) => {
    copyInto(be, x.storage, storages[i]!);
    return makeTensor(x.shape, x.dtype, undefined, storages[i]);
  });
  const rec = new Recorder(be);
  setRecorder(rec);
  rec.start();
  let result: R;
  try {
    result = tidy(() => checked(fn(...ins)));
  } catch (e) {
    rec.stop();
    setRecorder(undefined);
    rec.releaseArena();
    for (const s of storages) release(s);
    throw e;
  }
  rec.stop();
  setRecorder(undefined);
  const outs: Tensor[] =
    result instanceof Tensor ? [result] : Array.isArray(result) ? (result as Tensor[]) : [];
  const outputs = outs.map((t) => {
    retain(t.storage);
    return { storage: t.storage, shape: [...t.shape], dtype: t.dtype, size: t.size };
  });
  const kept = new Set(outputs.map((o) => o.storage));
  for (const s of rec.temps.keys())
    if (!rec.freed.has(s) && !kept.has(s)) rec.fail("a tensor made during the step outlives it");
  const form = result instanceof Tensor ? "one" : Array.isArray(result) ? "many" : "none";
  const p: Program = {
    rec,
    inputSpecs: xs.map((x) => ({ dtype: x.dtype, shape: [...x.shape] })),
    ops: rec.ops,
    inputs: storages,
    outputs,
    form,
    externals: externals(rec, storages),
  };
  // the caller gets copies (or, sharing, views), as from a replay: later replays overwrite the program's own outputs
  if (share) for (const o of outputs) shared.add(o.storage);
  const copies = results(p, share);
  for (const t of outs) if (rec.temps.has(t.storage)) t.dispose();
  return { result: copies as R, p };
}
