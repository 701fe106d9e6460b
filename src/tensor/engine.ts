/**
 * The engine: the active backend, the live-tensor count, memory scopes and the safety net that
 * reclaims storage of tensors dropped without `dispose()`.
 *
 * Scopes (`tidy`) are how memory stays flat without manual freeing: every tensor created inside a
 * scope is disposed when it ends, except those it returns or marks with `keep`. fit / evaluate /
 * predict run each step in a scope. Tensors created outside any scope, and any that escape, are
 * registered with a FinalizationRegistry that releases their storage when they are collected; since
 * the JS collector does not see backend storage, the engine requests collections itself under its
 * own memory pressure (reclaim.ts), before memory grows.
 */
import type { Backend, Storage } from "../backend/backend.js";
import { MemoryError, NotFoundError, ValueError } from "../errors.js";
import { Reclaimer } from "./reclaim.js";
import { didYouMean } from "../suggest.js";

interface Disposable {
  readonly id: number;
  dispose(): void;
  readonly isDisposed: boolean;
  readonly storage: Storage;
}

interface BackendEntry {
  factory: () => Backend;
  priority: number;
  instance?: Backend;
}

const backends = new Map<string, BackendEntry>();
let active: Backend | undefined;

/**
 * Registers a backend factory; the available backend with the highest priority is the default.
 *
 * @example
 * const webgpu = (): bp.Backend => {
 *   throw new Error("no WebGPU here");   // a factory that throws marks its backend unavailable
 * };
 * bp.registerBackend("webgpu", webgpu, 2);   // the highest available priority becomes the default
 * ["js", "wasm"].includes(bp.getBackend());   // => true
 */
export function registerBackend<S extends Storage>(name: string, factory: () => Backend<S>, priority = 0): void {
  backends.set(name, { factory: factory as unknown as () => Backend, priority });
}

function instantiate(name: string): Backend {
  const entry = backends.get(name);
  if (!entry) {
    throw new NotFoundError(
      `setBackend: unknown backend "${name}"${didYouMean(name, backends.keys())}; expected one of ${[...backends.keys()].map((n) => `"${n}"`).join(", ")}`,
    );
  }
  entry.instance ??= entry.factory();
  return entry.instance;
}

/**
 * Selects the backend new tensors and ops use: "js" (reference) or "wasm".
 *
 * @example
 * bp.setBackend("js");   // the reference backend
 * bp.tensor([1, 2]).add(1);   // => [2, 3]
 * bp.setBackend("wasm");
 */
export function setBackend(name: string): void {
  active = instantiate(name);
}

/**
 * The name of the active backend.
 *
 * @example
 * bp.getBackend();   // "wasm" where WebAssembly SIMD is available, else "js"
 * bp.setBackend("js");
 * bp.getBackend();   // => "js"
 */
export function getBackend(): string {
  return backend().name;
}

/** The active backend object (for the engine and tests). */
export function backend(): Backend {
  if (active) return active;
  const ranked = [...backends.entries()].sort((a, b) => b[1].priority - a[1].priority);
  for (const [name] of ranked) {
    try {
      active = instantiate(name);
      return active;
    } catch {
      // an unavailable backend (no SIMD, no WebAssembly) falls through to the next
    }
  }
  throw new NotFoundError("backend: no backend is registered");
}

/** Looks a backend up by name without activating it. */
export function backendByName(name: string): Backend {
  return instantiate(name);
}

// ---------------------------------------------------------------------------------------------
// Storage lifetime

// The owning backend rides on the storage object under a private symbol: a property read per op
// instead of a WeakMap lookup (WeakMaps cost a hash probe and GC work on every tensor).
const OWNER = Symbol("backend");
type Owned = Storage & { [OWNER]?: Backend };

/**
 * Allocates storage on `be` (the active backend by default). Before memory grows, storage of tensors
 * already garbage-collected is reclaimed (see reclaim.ts); a request that still fails is a
 * MemoryError naming `what` (e.g. "zeros of shape [1073741824]") and the size.
 */
export function allocStorage(dtype: Storage["dtype"], size: number, be: Backend = backend(), what?: string): Storage {
  const bytes = size * (dtype === "float64" ? 8 : 4);
  reclaimer.beforeAlloc(bytes);
  let s: Storage;
  try {
    s = be.alloc(dtype, size);
  } catch (first) {
    try {
      if (!reclaimer.collect()) throw first;
      s = be.alloc(dtype, size);
    } catch (e) {
      throw outOfMemory(e, dtype, size, bytes, be, what);
    }
  }
  s.refCount = 0;
  (s as Owned)[OWNER] = be;
  return s;
}

/** The MemoryError for a failed allocation: what was asked, what the backend said, and what to do. */
function outOfMemory(e: unknown, dtype: string, size: number, bytes: number, be: Backend, what: string | undefined): MemoryError {
  const held = be.bytesInUse();
  let advice = "";
  if (held >= bytes) {
    advice =
      `; ${liveTensors} tensors hold ${held} bytes. Tensors created outside bp.tidy are freed only when garbage-collected` +
      `${reclaimer.synchronous ? "" : ", which a loop that never yields may not allow"}: run each iteration in bp.tidy, ` +
      "e.g. `for (const batch of batches) bp.tidy(() => step(batch));`, or dispose() what you no longer need";
  }
  const reason = e instanceof Error ? e.message : String(e);
  return new MemoryError(
    `${what ?? "alloc"}: cannot allocate ${size} ${dtype} elements (${bytes} bytes) on the ${be.name} backend: ${reason}${advice}`,
  );
}

export function storageBackend(s: Storage): Backend {
  const be = (s as Owned)[OWNER];
  if (!be) throw new MemoryError("storage: unknown storage handle");
  return be;
}

export function retain(s: Storage): void {
  s.refCount++;
}

export function release(s: Storage): void {
  s.refCount--;
  if (s.refCount === 0) storageBackend(s).free(s);
}

// ---------------------------------------------------------------------------------------------
// Live tensors, scopes, finalization

let liveTensors = 0;
let nextId = 1;

const reclaimer = new Reclaimer((s) => {
  liveTensors--;
  release(s);
});

/**
 * Switches the engine's own collection requests off or on (tests use it to act as a runtime that
 * cannot request a collection); returns whether collections run synchronously.
 */
export function setCollection(on: boolean): boolean {
  reclaimer.enabled = on;
  return reclaimer.synchronous;
}

/** Collections the engine requested so far, and the bytes only the collector can free. */
export function collectionStats(): { collections: number; watchedBytes: number } {
  return { collections: reclaimer.collections, watchedBytes: reclaimer.watchedBytes };
}

// A live tensor is either in exactly one scope (which strongly holds it until the scope ends) or
// watched by the reclaimer's FinalizationRegistry — never both, so tensors that live and die inside a scope (nearly
// all of them) never pay for a FinalizationRegistry registration. The unregister token is the
// tensor itself.
const scopeStack: Set<Disposable>[] = [];

/** Called by every Tensor constructor (`token` is the tensor itself). */
export function track(t: Disposable, storage: Storage, token: object): number {
  liveTensors++;
  retain(storage);
  const scope = scopeStack[scopeStack.length - 1];
  if (scope) scope.add(t);
  else reclaimer.watch(token, storage);
  return nextId++;
}

/** Puts a tensor that left every scope under the garbage collector's watch. */
function watch(t: Disposable): void {
  reclaimer.watch(t, t.storage);
}

/** Called when a registered tensor changes its storage (Variable.assign swapping storage). */
export function rewatch(t: Disposable, prev: Storage, storage: Storage): void {
  if (reclaimer.unwatch(t, prev)) reclaimer.watch(t, storage);
}

/** Called by Tensor.dispose(). */
export function untrack(storage: Storage, token: object): void {
  reclaimer.unwatch(token, storage);
  liveTensors--;
  release(storage);
}

/**
 * Moves a tensor out of the scope it was created in, so that scope's end does not dispose it.
 *
 * @example
 * let kept!: bp.Tensor;
 * bp.tidy(() => {
 *   kept = bp.keep(bp.ones([2]).mul(3));   // survives the scope
 * });
 * kept;   // => [3, 3]
 */
export function keep<T extends Disposable>(t: T): T {
  let held = false;
  for (const scope of scopeStack) if (scope.delete(t)) held = true;
  if (held && !t.isDisposed) watch(t);
  return t;
}

/**
 * The number of live tensors and the bytes the backend holds.
 *
 * @example
 * const before = bp.memory().numTensors;
 * bp.tidy(() => bp.ones([100]).mul(2).sum().item());
 * bp.memory().numTensors - before;   // => 0
 */
export function memory(): { numTensors: number; numBytes: number } {
  return { numTensors: liveTensors, numBytes: backend().bytesInUse() };
}

/**
 * While this returns true (a gradient is being recorded), a scope ending inside the recording hands
 * its tensors to the enclosing scope instead of disposing them, because the backward pass may still
 * need them; the gradient call's own scope frees them when it returns. Set by the autograd layer.
 */
let holdForTape: () => boolean = () => false;

export function setTapeHold(fn: () => boolean): void {
  holdForTape = fn;
}

type Tensorish = Disposable | Disposable[] | Record<string, unknown> | number | string | boolean | void;

function collect(result: unknown, out: Set<Disposable>): void {
  if (result === null || typeof result !== "object") return;
  if ("dispose" in result && "id" in result) {
    out.add(result as Disposable);
    return;
  }
  const values = Array.isArray(result) ? result : Object.values(result as Record<string, unknown>);
  for (const v of values) collect(v, out);
}

/**
 * Runs `fn`, then disposes every tensor it created except those in its result (a tensor, or arrays
 * and plain objects of tensors), which move to the enclosing scope. Variables are never disposed by a
 * scope; `keep(t)` exempts any other tensor.
 *
 * @example
 * const x = bp.tensor([1, 2, 3]);
 * const y = bp.tidy(() => x.mul(2).add(1));   // the intermediate x.mul(2) is freed
 * y;   // => [3, 5, 7]
 */
export function tidy<T extends Tensorish | unknown>(fn: () => T): T {
  if (typeof fn !== "function") throw new ValueError(`tidy: expected a function, got ${typeof fn}`);
  return scoped(fn, holdForTape());
}

/** A scope that always frees what it does not return (for the gradient calls' own scopes). */
export function tidyAll<T>(fn: () => T): T {
  return scoped(fn, false);
}

function scoped<T>(fn: () => T, hold: boolean): T {
  const scope = new Set<Disposable>();
  scopeStack.push(scope);
  let result: T;
  try {
    result = fn();
  } catch (e) {
    end(scope, new Set(), hold);
    throw e;
  } finally {
    scopeStack.pop();
  }
  const kept = new Set<Disposable>();
  collect(result, kept);
  end(scope, kept, hold);
  return result;
}

/** Ends a scope: kept tensors (and all of them when holding for the tape) move to the parent scope; the rest are disposed. */
function end(scope: Set<Disposable>, kept: Set<Disposable>, hold: boolean): void {
  const parent = scopeStack[scopeStack.length - 1];
  const handOver = hold && parent !== undefined;
  for (const t of scope) {
    if (t.isDisposed) continue;
    if (handOver || kept.has(t)) {
      if (parent) parent.add(t);
      else watch(t);
    } else t.dispose();
  }
}
