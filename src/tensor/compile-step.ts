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
import { Recorder, recorder, setRecorder, type Op, type View } from "./capture.js";
import { allocStorage, backend, release, retain, storageBackend, tidy } from "./engine.js";
import { makeTensor, Tensor } from "./tensor.js";

let enabled = true;

/** Counts of the calls of every captured step, and why steps gave up capturing (for tests and benchmarks). */
export const captureStats = { eager: 0, recorded: 0, replayed: 0, gaveUp: [] as string[] };

/** Turns captured steps on or off everywhere (fit's `capture` option does it for one fit). */
export function setCapture(on: boolean): void {
  if (typeof on !== "boolean") throw new ValueError(`setCapture: expected true or false, got ${String(on)}`);
  enabled = on;
}

/** Whether captured steps are on (default true). */
export function getCapture(): boolean {
  return enabled;
}

type Result = Tensor | readonly Tensor[] | void;

interface Program {
  rec: Recorder;
  sig: string;
  ops: Op[];
  outputs: View[];
  /** How fn returned its outputs: one tensor, an array, or nothing. */
  form: "one" | "many" | "none";
  externals: Storage[];
}

/** Options of compileStep. */
export interface CompileStepOptions {
  /** Values that, when any changes (compared with ===), make the step record afresh (e.g. the model's weights). */
  key?: () => readonly unknown[];
}

/** A captured step: call it like fn; `mode` tells how the last call ran; dispose frees its memory. */
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

function signature(be: Backend, xs: readonly Tensor[]): string {
  return `${be.name}|${xs.map((x) => `${x.dtype}[${x.shape.join(",")}]`).join("|")}`;
}

/** Compiles `fn` (tensors in, a tensor, an array of tensors or nothing out) into a captured step. */
export function compileStep<R extends Result>(fn: (...inputs: Tensor[]) => R, options: CompileStepOptions = {}): CompiledStep<R> {
  if (typeof fn !== "function") throw new ValueError(`compileStep: expected a function of tensors, got ${fn === null ? "null" : typeof fn}`);
  if (typeof options !== "object" || options === null || (options.key !== undefined && typeof options.key !== "function")) {
    throw new ValueError("compileStep: options must be { key?: () => unknown[] }");
  }
  let inputs: { sig: string; storages: Storage[] } | undefined;
  let first: Program | undefined;
  let program: Program | undefined;
  let warm = false;
  let gaveUp: string | undefined;
  let lastKey: readonly unknown[] | undefined;
  let mode: CompiledStep<R>["mode"] = "eager";

  const drop = (p: Program | undefined): undefined => {
    if (p) {
      p.rec.releaseArena();
      for (const o of p.outputs) release(o.storage);
    }
    return undefined;
  };
  const reset = (): void => {
    first = drop(first);
    program = drop(program);
    warm = false;
    gaveUp = undefined;
  };
  const freeInputs = (): void => {
    for (const s of inputs?.storages ?? []) release(s);
    inputs = undefined;
  };
  const eager = (xs: readonly Tensor[]): R => {
    mode = "eager";
    captureStats.eager++;
    return checked(fn(...xs));
  };

  const run = (xs: readonly Tensor[]): R => {
    xs.forEach((x, i) => {
      if (!(x instanceof Tensor)) throw new ValueError(`compileStep: argument ${i} must be a Tensor, got ${x === null ? "null" : typeof x}`);
    });
    if (!enabled || recorder()) return eager(xs);
    const key = options.key?.();
    if (key && lastKey && (key.length !== lastKey.length || key.some((v, i) => v !== lastKey![i]))) reset();
    lastKey = key;
    const be = backend();
    const sig = signature(be, xs);
    if (program && (program.sig !== sig || !program.externals.every((s) => s.refCount > 0))) {
      if (program.sig === sig) reset();
      else return eager(xs);
    }
    if (program) {
      mode = "replayed";
      captureStats.replayed++;
      return replay(program, xs, inputs!.storages);
    }
    if (gaveUp !== undefined || !warm || (first && first.sig !== sig)) {
      warm = true;
      return eager(xs);
    }
    if (inputs?.sig !== sig) {
      first = drop(first);
      freeInputs();
      inputs = { sig, storages: xs.map((x) => retainNew(be, x)) };
    }
    const { result, p } = record(be, sig, fn, xs, inputs.storages);
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
    freeInputs();
    lastKey = undefined;
  };
  return step;
}

/** fn's result, checked: a Tensor, an array of Tensors or nothing. */
function checked<R extends Result>(result: R): R {
  const ok = result === undefined || result instanceof Tensor || (Array.isArray(result) && result.every((t) => t instanceof Tensor));
  if (!ok) throw new ValueError(`compileStep: the step must return a Tensor, an array of Tensors or nothing, got ${describe(result)}`);
  return result;
}

function describe(v: unknown): string {
  return v === null ? "null" : Array.isArray(v) ? "an array with other values than Tensors" : typeof v;
}

/** Storage of the program's own for an input like x (retained until the step is disposed). */
function retainNew(be: Backend, x: Tensor): Storage {
  const s = allocStorage(x.dtype, x.size, be, "compileStep input");
  retain(s);
  return s;
}

/** Runs fn once on the program's input storage while recording; returns its result and the program. */
function record<R extends Result>(be: Backend, sig: string, fn: (...inputs: Tensor[]) => R, xs: readonly Tensor[], storages: readonly Storage[]): { result: R; p: Program } {
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
    throw e;
  }
  rec.stop();
  setRecorder(undefined);
  const outs: Tensor[] = result instanceof Tensor ? [result] : Array.isArray(result) ? (result as Tensor[]) : [];
  const outputs = outs.map((t) => {
    retain(t.storage);
    return { storage: t.storage, shape: [...t.shape], dtype: t.dtype, size: t.size };
  });
  const kept = new Set(outputs.map((o) => o.storage));
  for (const s of rec.temps.keys()) if (!rec.freed.has(s) && !kept.has(s)) rec.fail("a tensor made during the step outlives it");
  const form = result instanceof Tensor ? "one" : Array.isArray(result) ? "many" : "none";
  const p: Program = { rec, sig, ops: rec.ops, outputs, form, externals: externals(rec, storages) };
  // the caller gets copies, as from a replay: later replays overwrite the program's own outputs
  const copies = results(p);
  for (const t of outs) if (rec.temps.has(t.storage)) t.dispose();
  return { result: copies as R, p };
}

function copyInto(be: Backend, src: Storage, dst: Storage): void {
  if (src !== dst && src.size > 0) be.copy(src, dst);
}

/** Storage the program uses that it does not own: it must still be alive at each replay. */
function externals(rec: Recorder, inputs: readonly Storage[]): Storage[] {
  const out = new Set<Storage>();
  const own = new Set(inputs);
  const add = (s: Storage): void => {
    if (!rec.temps.has(s) && !own.has(s)) out.add(s);
  };
  for (const op of rec.ops) {
    if (op.k === "kernel") [op.out, ...op.inputs].forEach((v) => add(v.storage));
    else if (op.k === "rule") [op.p, op.g, ...op.slots].forEach((v) => add(v.storage));
    else if (op.k === "write" || op.k === "fill") add(op.s);
    else if (op.k === "copy") [op.src, op.dst].forEach(add);
  }
  return [...out];
}

function replay<R extends Result>(p: Program, xs: readonly Tensor[], storages: readonly Storage[]): R {
  const be = p.rec.be;
  const host = p.rec.original;
  xs.forEach((x, i) => copyInto(be, x.storage, storages[i]!));
  for (const op of p.ops) {
    switch (op.k) {
      case "kernel":
        op.fn(op.inputs, op.out, (op.refresh ? op.refresh() : op.attrs) as never);
        break;
      case "rule":
        op.fn(op.p, op.g, op.slots, (op.refresh ? op.refresh() : op.attrs) as never);
        break;
      case "write":
        host.write.call(be, op.s, op.refresh ? op.refresh() : op.data);
        break;
      case "fill":
        host.fill!.call(be, op.s, op.value);
        break;
      case "copy":
        host.copy.call(be, op.src, op.dst);
        break;
      case "hook":
        op.fn();
        break;
    }
  }
  return results(p) as R;
}

/** Copies of the program's outputs, as fn returned them. */
function results(p: Program): Result {
  const outs = p.outputs.map((o) => {
    const t = makeTensor(o.shape, o.dtype);
    if (o.size > 0) storageBackend(t.storage).copy(o.storage, t.storage);
    return t;
  });
  return p.form === "one" ? outs[0] : p.form === "many" ? outs : undefined;
}

/** The first difference between two recordings, or undefined when they are the same program. */
export function compare(a: Program, b: Program): string | undefined {
  if (a.ops.length !== b.ops.length) return `${a.ops.length} vs ${b.ops.length} operations`;
  const id = (p: Program, s: Storage): unknown => p.rec.temps.get(s) ?? s;
  const same = (x: View, y: View): boolean =>
    id(a, x.storage) === id(b, y.storage) && x.dtype === y.dtype && x.shape.length === y.shape.length && x.shape.every((d, i) => d === y.shape[i]);
  const views = (x: readonly View[], y: readonly View[]): boolean => x.length === y.length && x.every((v, i) => same(v, y[i]!));
  for (let i = 0; i < a.ops.length; i++) {
    const x = a.ops[i]!;
    const y = b.ops[i]!;
    const at = `operation ${i} (${x.k}${"name" in x ? ` ${x.name}` : ""})`;
    if (x.k !== y.k) return `${at}: ${x.k} vs ${y.k}`;
    if (x.k === "kernel" && y.k === "kernel") {
      if (x.fn !== y.fn || !views([x.out, ...x.inputs], [y.out, ...y.inputs])) return `${at}: other kernel or tensors`;
      if (!sameAttrs(x, y)) return `${at}: other attributes`;
    } else if (x.k === "rule" && y.k === "rule") {
      if (x.fn !== y.fn || !views([x.p, x.g, ...x.slots], [y.p, y.g, ...y.slots])) return `${at}: other rule or tensors`;
      if (!sameAttrs(x, y)) return `${at}: other attributes`;
    } else if (x.k === "write" && y.k === "write") {
      if (id(a, x.s) !== id(b, y.s) || !x.refresh !== !y.refresh) return `${at}: other destination`;
      if (!x.refresh && (x.data.length !== y.data.length || x.data.some((v, k) => !Object.is(v, y.data[k])))) return `${at}: other data`;
    } else if (x.k === "fill" && y.k === "fill") {
      if (id(a, x.s) !== id(b, y.s) || !Object.is(x.value, y.value)) return `${at}: other fill`;
    } else if (x.k === "copy" && y.k === "copy") {
      if (id(a, x.src) !== id(b, y.src) || id(a, x.dst) !== id(b, y.dst)) return `${at}: other copy`;
    }
  }
  if (!views(a.outputs, b.outputs)) return "other outputs";
  return undefined;
}

function sameAttrs(x: { attrs: unknown; refresh?: () => unknown }, y: { attrs: unknown; refresh?: () => unknown }): boolean {
  if (!x.refresh !== !y.refresh) return false;
  return x.refresh !== undefined || deepEqual(x.attrs, y.attrs);
}

function deepEqual(x: unknown, y: unknown): boolean {
  if (Object.is(x, y)) return true;
  if (typeof x !== "object" || typeof y !== "object" || x === null || y === null) return false;
  if (Array.isArray(x) !== Array.isArray(y)) return false;
  const kx = Object.keys(x);
  const ky = Object.keys(y);
  if (kx.length !== ky.length) return false;
  return kx.every((k) => deepEqual((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k]));
}
