/**
 * A garbage collection the engine can request itself, where the runtime offers one (Node), found by
 * feature detection so that the core imports nothing from Node and bundles for browsers unchanged.
 *
 * Why: the JS collector does not see WebAssembly memory, and it frees a dropped tensor's storage
 * only through a FinalizationRegistry callback, which runs on a later task — never inside a loop
 * that does not yield to the event loop. In Node the engine can run a collection now (`gc`) and
 * then run the registry's callbacks now (`cleanupSome`), so storage is reclaimed synchronously.
 */

/** A FinalizationRegistry, with the synchronous `cleanupSome` where the runtime provides it. */
export type Registry<T> = FinalizationRegistry<T> & { cleanupSome?: () => void };

type RegistryClass = new <T>(cleanup: (held: T) => void) => Registry<T>;

export interface Collector {
  /** Runs a full garbage collection now. */
  gc(): void;
  /** The FinalizationRegistry constructor whose registries have `cleanupSome`. */
  Registry: RegistryClass;
}

interface NodeV8 {
  setFlagsFromString(flags: string): void;
}
interface NodeVm {
  runInNewContext(code: string): unknown;
}
interface NodeProcess {
  versions?: { v8?: string };
  getBuiltinModule?: (name: string) => unknown;
}

// The flag that exposes FinalizationRegistry.prototype.cleanupSome exists in V8 9 to 13 at least;
// newer versions are not asked, since V8 prints an error for a flag it does not know.
const CLEANUP_SOME_V8 = [9, 13];

/**
 * Node's collector: `gc` and a FinalizationRegistry with `cleanupSome`, taken from a fresh context
 * created while the two V8 flags were on (they are switched off again, so the process's own globals
 * and later contexts are unchanged). Undefined outside Node or on a Node without getBuiltinModule.
 */
export function nodeCollector(): Collector | undefined {
  const proc = (globalThis as { process?: NodeProcess }).process;
  const v8 = proc?.getBuiltinModule?.("node:v8") as NodeV8 | undefined;
  const vm = proc?.getBuiltinModule?.("node:vm") as NodeVm | undefined;
  if (!v8 || !vm) return undefined;
  const major = Number(proc?.versions?.v8?.split(".")[0]);
  const withCleanup = major >= (CLEANUP_SOME_V8[0] as number) && major <= (CLEANUP_SOME_V8[1] as number);
  const hadGc = typeof (globalThis as { gc?: unknown }).gc === "function";
  const hadCleanup = "cleanupSome" in FinalizationRegistry.prototype;
  try {
    if (!hadGc) v8.setFlagsFromString("--expose-gc");
    if (withCleanup && !hadCleanup) v8.setFlagsFromString("--harmony-weak-refs-with-cleanup-some");
    const found = vm.runInNewContext(
      "({ gc: typeof gc === 'function' ? gc : undefined, Registry: FinalizationRegistry })",
    ) as {
      gc?: () => void;
      Registry: RegistryClass;
    };
    const gc = found.gc;
    return gc ? { gc: () => gc(), Registry: found.Registry } : undefined;
  } catch {
    return undefined;
  } finally {
    if (!hadGc) v8.setFlagsFromString("--no-expose-gc");
    if (withCleanup && !hadCleanup) v8.setFlagsFromString("--no-harmony-weak-refs-with-cleanup-some");
  }
}
