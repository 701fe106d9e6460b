/**
 * A recorded step as a program: its operations, outputs and the storage it needs from outside; its
 * replay, and the comparison of two recordings that decides whether replaying is safe.
 */
import type { Backend, Storage } from "../backend/backend.js";
import type { DType } from "../backend/dtype.js";
import { REFUSED, UNNOTED, type Op, type Recorder, type View } from "./capture.js";
import { storageBackend } from "./engine.js";
import { makeTensor, Tensor } from "./tensor.js";

export type Result = Tensor | readonly Tensor[] | void;

export interface Program {
  rec: Recorder;
  /** The dtype and shape of each input (on rec.be): a call with others runs eagerly or records afresh. */
  inputSpecs: readonly { dtype: DType; shape: readonly number[] }[];
  ops: Op[];
  /** The program's input storage (its own, or outputs that another program shares). */
  inputs: Storage[];
  outputs: View[];
  /** How fn returned its outputs: one tensor, an array, or nothing. */
  form: "one" | "many" | "none";
  externals: Storage[];
  /** describe()'s text, made at the first replay (the thread policy's key for the step). */
  description?: string;
}

/** Storage the program uses that it does not own: it must still be alive at each replay. */
export function externals(rec: Recorder, inputs: readonly Storage[]): Storage[] {
  const out = new Set<Storage>();
  const own = new Set(inputs);
  const add = (s: Storage): void => {
    if (!rec.temps.has(s) && !own.has(s)) out.add(s);
  };
  for (const op of rec.ops) {
    if (op.k === "kernel") [op.out, ...op.inputs].forEach((v) => add(v.storage));
    else if (op.k === "rule") [op.p, op.g, ...op.slots].forEach((v) => add(v.storage));
    else if (op.k === "write" || op.k === "fill" || op.k === "check") add(op.s);
    else if (op.k === "copy") [op.src, op.dst].forEach(add);
  }
  return [...out];
}

export function replay<R extends Result>(p: Program, xs: readonly Tensor[], share: boolean): R {
  const be = p.rec.be;
  // indexed loops: a replay runs once per step, interpreted through a fit's first epochs, where
  // for-of makes an iterator result per element
  for (let i = 0; i < xs.length; i++) copyInto(be, xs[i]!.storage, p.inputs[i]!);
  runOps(be, p.ops, p.rec.original);
  return results(p, share) as R;
}

/**
 * The loop every replay runs: a noted kernel or rule call replays in one call (a rule with the step's
 * attributes); the rest is otherOp's. A function of its own, and under 81 bytes of bytecode (73):
 * V8 optimizes a function after 3 + length/150 rounds of its budget, which this loop spends once
 * per op, or a function under 81 bytes at the first round that finds its call sites settled. It is
 * optimized at W1's 41st batch, early in a fit's first epoch (125 batches). Inside `replay` (253
 * bytes, with the inputs' copies, the rules' attributes and the results) it was optimized at the
 * 129th, in the second epoch, where its compilation on the second core slowed a two-thread fit's
 * epoch by a fifth; at 114 bytes, at the 109th, and its compilation still ran into the second
 * epoch. A test holds it within the first (test/wasm/replay-deopt.test.ts).
 */
function runOps(be: Backend, ops: readonly Op[], host: Recorder["original"]): void {
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    if (op.k !== "kernel" || !op.notes.run()) otherOp(be, host, op);
  }
}

/**
 * A replay's op other than a noted kernel call. A rule's replay, the step's hooks and checks run every
 * replay and are handled here; runOp's other cases (a call to note, host writes) are rare, and kept
 * out of what V8 compiles into the replay's loop (its budget for inlining went to runOp, leaving the
 * rules' attributes to be compiled on their own in later epochs).
 */
function otherOp(be: Backend, host: Recorder["original"], op: Op): void {
  if (op.k === "rule") replayRule(be, op);
  else if (op.k === "hook") op.fn();
  else if (op.k === "check") op.check(host.read.call(be, op.s));
  else runOp(be, host, op);
}

/** Replays a rule op with the step's attributes: its noted calls, or the rule itself (noting its calls where the backend can). */
function replayRule(be: Backend, op: Extract<Op, { k: "rule" }>): void {
  const attrs = op.refresh ? op.refresh() : op.attrs;
  if (!op.notes.run(attrs)) runRule(be, op, attrs);
}

/** Runs a kernel op with no current notes (it runs, or is noted, afresh), or a host write, fill or copy. */
function runOp(be: Backend, host: Recorder["original"], op: Extract<Op, { k: "kernel" | "write" | "fill" | "copy" }>): void {
  switch (op.k) {
    case "kernel":
      if (op.refresh || op.notes === REFUSED || !be.noteCalls) op.fn(op.inputs, op.out, (op.refresh ? op.refresh() : op.attrs) as never);
      else noteOp(be, op, () => op.fn(op.inputs, op.out, op.attrs as never));
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
  }
}

/** Runs a rule op whose notes did not run (none yet, or stale) with the step's attributes: noting its calls where the backend can. */
function runRule(be: Backend, op: Extract<Op, { k: "rule" }>, attrs: unknown): void {
  if (op.notes === REFUSED || !be.noteCalls) op.fn(op.p, op.g, op.slots, attrs as never);
  else noteOp(be, op, () => op.fn(op.p, op.g, op.slots, attrs as never));
}

/**
 * Runs a kernel or rule op (`call`) while the backend notes its calls into compiled code: later
 * replays repeat those calls and skip the kernel's JavaScript (shapes, strides, parameter words,
 * temporaries), which is what a captured step would otherwise spend most of its JavaScript time on;
 * a rule's noted arguments are rewritten from each replay's attributes (the learning rate and step
 * count change every step). Stale notes (the backend's threads changed) are noted afresh.
 */
function noteOp(be: Backend, op: Extract<Op, { k: "kernel" | "rule" }>, call: () => void): void {
  op.notes.release();
  op.notes = be.noteCalls!(call) ?? REFUSED;
}

/** Frees what the program's noted kernel and rule calls hold (their temporary blocks). */
export function releaseNotes(p: Program): void {
  for (const op of p.ops) {
    if (op.k === "kernel" || op.k === "rule") {
      op.notes.release();
      op.notes = UNNOTED;
    }
  }
}

/** Copies of the program's outputs (sharing: tensors on them, valid until the next call), as fn returned them. */
export function results(p: Program, share: boolean): Result {
  // built by push (packed elements): a step fed these, e.g. an update after a gradient step, gets
  // arrays of the map every replay sees (Array.map's holey ones deoptimized the replayer)
  const outs: Tensor[] = [];
  const outputs = p.outputs;
  // the Tensor constructor itself for a view (makeTensor would bring its allocation path into what V8
  // compiles for this function, which runs once a step)
  for (let i = 0; i < outputs.length; i++) {
    const o = outputs[i]!;
    outs.push(share ? new Tensor(o.storage, o.shape, o.dtype) : copyOf(o));
  }
  return p.form === "one" ? outs[0] : p.form === "many" ? outs : undefined;
}

/** A new tensor with the contents of a program's output. */
function copyOf(o: View): Tensor {
  const t = makeTensor(o.shape, o.dtype);
  if (o.size > 0) storageBackend(t.storage).copy(o.storage, t.storage);
  return t;
}

/** The first difference between two recordings, or undefined when they are the same program. */
export function compare(a: Program, b: Program): string | undefined {
  if (a.ops.length !== b.ops.length) return `${a.ops.length} vs ${b.ops.length} operations`;
  const id = (p: Program, s: Storage): unknown => p.rec.temps.get(s) ?? inputId(p, s) ?? s;
  const same = (x: View, y: View): boolean =>
    id(a, x.storage) === id(b, y.storage) &&
    x.dtype === y.dtype &&
    x.shape.length === y.shape.length &&
    x.shape.every((d, i) => d === y.shape[i]);
  const views = (x: readonly View[], y: readonly View[]): boolean =>
    x.length === y.length && x.every((v, i) => same(v, y[i]!));
  for (let i = 0; i < a.ops.length; i++) {
    const x = a.ops[i]!;
    const y = b.ops[i]!;
    const at = `operation ${i} (${x.k}${"name" in x ? ` ${x.name}` : ""})`;
    if (x.k !== y.k) return `${at}: ${x.k} vs ${y.k}`;
    if (x.k === "kernel" && y.k === "kernel") {
      if (x.fn !== y.fn || !views([x.out, ...x.inputs], [y.out, ...y.inputs]))
        return `${at}: other kernel or tensors`;
      if (!sameAttrs(x, y)) return `${at}: other attributes`;
    } else if (x.k === "rule" && y.k === "rule") {
      if (x.fn !== y.fn || !views([x.p, x.g, ...x.slots], [y.p, y.g, ...y.slots]))
        return `${at}: other rule or tensors`;
      if (!sameAttrs(x, y)) return `${at}: other attributes`;
    } else if (x.k === "write" && y.k === "write") {
      if (id(a, x.s) !== id(b, y.s) || !x.refresh !== !y.refresh) return `${at}: other destination`;
      if (!x.refresh && (x.data.length !== y.data.length || x.data.some((v, k) => !Object.is(v, y.data[k]))))
        return `${at}: other data`;
    } else if (x.k === "fill" && y.k === "fill") {
      if (id(a, x.s) !== id(b, y.s) || !Object.is(x.value, y.value)) return `${at}: other fill`;
    } else if (x.k === "check" && y.k === "check") {
      if (id(a, x.s) !== id(b, y.s)) return `${at}: other check`;
    } else if (x.k === "copy" && y.k === "copy") {
      if (id(a, x.src) !== id(b, y.src) || id(a, x.dst) !== id(b, y.dst)) return `${at}: other copy`;
    }
  }
  if (!views(a.outputs, b.outputs)) return "other outputs";
  return undefined;
}

function sameAttrs(
  x: { attrs: unknown; refresh?: () => unknown },
  y: { attrs: unknown; refresh?: () => unknown },
): boolean {
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

/** Copies an input into the program's own storage (nothing when it is already there). */
export function copyInto(be: Backend, src: Storage, dst: Storage): void {
  if (src !== dst && src.size > 0) be.copy(src, dst);
}

/** "input i" for the program's input storage i (two recordings may feed from different storage). */
function inputId(p: Program, s: Storage): string | undefined {
  const i = p.inputs.indexOf(s);
  return i < 0 ? undefined : `input ${i}`;
}
