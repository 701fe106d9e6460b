/**
 * Recording at the backend seam: while a step is recorded, every kernel call, update-rule call and
 * host write, fill and copy on the active backend is appended to a program, and the storage the step
 * frees is kept as the program's arena instead of returning to the allocator. Replaying the program
 * runs the same kernels on the same storage with no JavaScript per op beyond the call itself.
 *
 * Values that JavaScript computes afresh each step are not frozen silently: their owner registers a
 * refresher while recording (refreshAttrs, refreshWrite: an optimizer's step-dependent attributes, a
 * dropout mask) or a hook (onReplay: an optimizer's step count), run at their place in each replay.
 * Anything the program cannot replay faithfully — a value read back during the step, a tensor made
 * during the step that outlives it, storage from before the step freed during it — marks the
 * recording unusable (see compile-step.ts, which also compares two recordings before replaying).
 */
import type { Backend, KernelTensor, NotedCalls, Storage } from "../backend/backend.js";
import type { DType, TypedArray } from "../backend/dtype.js";
import { storageBackend } from "./engine.js";

/** What a recorded kernel sees of a tensor: its storage, shape, dtype and size at record time. */
export interface View {
  readonly storage: Storage;
  readonly shape: readonly number[];
  readonly dtype: DType;
  readonly size: number;
}

type AnyKernel = (inputs: readonly View[], out: View, attrs: never) => void;
type AnyRule = (p: View, g: View, slots: readonly View[], attrs: never) => void;

export type Op =
  | {
      k: "kernel";
      name: string;
      fn: AnyKernel;
      inputs: View[];
      out: View;
      attrs: unknown;
      refresh?: () => unknown;
      /** The call's noted calls into compiled code (see program.ts); UNNOTED until tried, REFUSED where the backend cannot note it. */
      notes: NotedCalls;
    }
  | {
      k: "rule";
      name: string;
      fn: AnyRule;
      p: View;
      g: View;
      slots: View[];
      attrs: unknown;
      refresh?: () => unknown;
      /** The call's noted calls, as a kernel op's: replayed with each replay's attributes. */
      notes: NotedCalls;
    }
  | { k: "write"; s: Storage; data: Float64Array; refresh?: () => ArrayLike<number> }
  | { k: "fill"; s: Storage; value: number }
  | { k: "copy"; src: Storage; dst: Storage }
  | { k: "hook"; fn: () => void }
  | { k: "check"; s: Storage; check: (data: TypedArray) => void };

/**
 * A kernel op's notes before the backend has noted its calls, and where it cannot: never run, so the
 * replay calls the kernel (always objects of one shape, so the replayer's view of an op never changes).
 */
class NoNotes implements NotedCalls {
  run(): boolean {
    return false;
  }
  release(): void {}
}
export const UNNOTED: NotedCalls = new NoNotes();
export const REFUSED: NotedCalls = new NoNotes();

type HostMethods = Pick<Backend, "alloc" | "free" | "write" | "fill" | "copy" | "read">;

/** One recording in progress. */
export class Recorder {
  readonly ops: Op[] = [];
  /** Storage allocated while recording, in allocation order. */
  readonly temps = new Map<Storage, number>();
  /** Temporaries the step freed: kept for the program instead of freed. */
  readonly freed = new Set<Storage>();
  /**
   * Freed temporaries by dtype and size, handed out again to later allocations of the step, as the
   * allocator would: the arena stays near the step's peak and warm in cache. Replays use the storage
   * in the same order, so a reuse is as safe there as here.
   */
  private readonly pool = new Map<string, Storage[]>();
  /** Why the recording cannot be replayed, if it cannot. */
  broken: string | undefined;
  private readonly host: HostMethods;

  constructor(readonly be: Backend) {
    this.host = {
      alloc: be.alloc,
      free: be.free,
      write: be.write,
      fill: be.fill,
      copy: be.copy,
      read: be.read,
    };
  }

  /** The backend's own host methods (unpatched), for replay and release. */
  get original(): HostMethods {
    return this.host;
  }

  fail(reason: string): void {
    this.broken ??= reason;
  }

  /** Routes the backend's host methods through the recorder until `stop`. */
  start(): void {
    const { be, host } = this;
    be.alloc = (dtype, size) => {
      const reused = this.pool.get(`${dtype}:${size}`)?.pop();
      if (reused) {
        this.freed.delete(reused);
        return reused;
      }
      const s = host.alloc.call(be, dtype, size);
      this.temps.set(s, this.temps.size);
      return s;
    };
    be.free = (s) => {
      if (this.temps.has(s)) {
        this.freed.add(s);
        const key = `${s.dtype}:${s.size}`;
        const list = this.pool.get(key);
        if (list) list.push(s);
        else this.pool.set(key, [s]);
      } else {
        this.fail("storage made before the step was freed during it");
        host.free.call(be, s);
      }
    };
    be.write = (s, data) => {
      this.ops.push({ k: "write", s, data: Float64Array.from(data) });
      host.write.call(be, s, data);
    };
    const fill = host.fill;
    if (fill) {
      be.fill = (s, value) => {
        this.ops.push({ k: "fill", s, value });
        fill.call(be, s, value);
      };
    }
    be.copy = (src, dst) => {
      this.ops.push({ k: "copy", src, dst });
      host.copy.call(be, src, dst);
    };
    be.read = (s) => {
      this.fail("a value was read back during the step");
      return host.read.call(be, s);
    };
  }

  stop(): void {
    Object.assign(this.be, this.host);
    this.pool.clear();
  }

  /** Frees every temporary the step freed (the arena), for a recording that is dropped. */
  releaseArena(): void {
    for (const s of this.freed) this.host.free.call(this.be, s);
    this.freed.clear();
  }
}

let current: Recorder | undefined;

/** The recording in progress, if any. */
export function recorder(): Recorder | undefined {
  return current;
}

export function setRecorder(r: Recorder | undefined): void {
  current = r;
}

function view(t: KernelTensor<Storage>): View {
  return { storage: t.storage, shape: [...t.shape], dtype: t.dtype, size: t.size };
}

/** Called by primitive() before each kernel call while recording. */
export function recordKernel<A>(
  name: string,
  fn: (i: readonly KernelTensor<Storage>[], o: KernelTensor<Storage>, a: A) => void,
  inputs: readonly KernelTensor<Storage>[],
  out: KernelTensor<Storage>,
  attrs: A,
): void {
  if (!current) return;
  if (storagesOn(current.be, [out, ...inputs]))
    current.ops.push({
      k: "kernel",
      name,
      fn: fn as AnyKernel,
      inputs: inputs.map(view),
      out: view(out),
      attrs,
      notes: UNNOTED,
    });
}

/** Called before each update-rule call while recording. */
export function recordRule<A>(
  name: string,
  fn: (p: KernelTensor<Storage>, g: KernelTensor<Storage>, s: readonly KernelTensor<Storage>[], a: A) => void,
  p: KernelTensor<Storage>,
  g: KernelTensor<Storage>,
  slots: readonly KernelTensor<Storage>[],
  attrs: A,
): void {
  if (!current) return;
  if (storagesOn(current.be, [p, g, ...slots]))
    current.ops.push({
      k: "rule",
      name,
      fn: fn as AnyRule,
      p: view(p),
      g: view(g),
      slots: slots.map(view),
      attrs,
      notes: UNNOTED,
    });
}

/** Kernels on another backend than the recorded one cannot be replayed. */
function storagesOn(be: Backend, ts: readonly KernelTensor<Storage>[]): boolean {
  for (const t of ts) {
    if (t.storage.size > 0 && !isOn(be, t.storage)) {
      current?.fail("a kernel ran on another backend during the step");
      return false;
    }
  }
  return true;
}

function isOn(be: Backend, s: Storage): boolean {
  return storageBackend(s) === be;
}

/** While recording: the last kernel or rule call's attributes are recomputed by `attrs` before each replay. */
export function refreshAttrs(attrs: () => unknown): void {
  const op = current?.ops[current.ops.length - 1];
  if (op && (op.k === "kernel" || op.k === "rule")) op.refresh = attrs;
}

/** While recording: the last host write into `storage` is recomputed by `data` before each replay. */
export function refreshWrite(storage: Storage, data: () => ArrayLike<number>): void {
  if (!current) return;
  for (let i = current.ops.length - 1; i >= 0; i--) {
    const op = current.ops[i]!;
    if (op.k === "write" && op.s === storage) {
      op.refresh = data;
      return;
    }
  }
  current.fail("a refresher named a write the step did not make");
}

/** While recording: `fn` runs at this point of every replay (the owner's per-step JavaScript state). */
export function onReplay(fn: () => void): void {
  current?.ops.push({ k: "hook", fn });
}

/** While recording: marks the recording as not replayable (a value the program would freeze). */
export function notReplayable(reason: string): void {
  current?.fail(reason);
}

/**
 * Reads storage to validate it (index ranges, int32 casts): `check` throws on bad data. While
 * recording, the check becomes part of the program and runs on the data of every replay, so a bad
 * batch fails there as it does eagerly.
 */
export function checkedRead(s: Storage, check: (data: TypedArray) => void): void {
  const rec = current;
  if (rec && isOn(rec.be, s)) {
    rec.ops.push({ k: "check", s, check });
    check(rec.original.read.call(rec.be, s));
  } else check(storageBackend(s).read(s));
}
