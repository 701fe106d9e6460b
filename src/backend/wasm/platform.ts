/**
 * What the wasm backend needs from its host, with the Node-only parts reached at run time through
 * `process.getBuiltinModule` (Node ≥ 20.16) rather than imported, so this module — and the whole
 * library — bundles for browsers unchanged. In a browser, workers are Web Workers made from a Blob
 * URL and the core count is navigator.hardwareConcurrency.
 */

interface NodeProcess {
  versions?: { node?: string };
  getBuiltinModule?: (name: string) => unknown;
}

interface NodeWorker {
  on(event: "exit" | "error", cb: (arg: unknown) => void): void;
  unref(): void;
  terminate(): Promise<number>;
}

interface NodeWorkerModule {
  Worker: new (src: string, opts: { eval: true; workerData: unknown }) => NodeWorker;
}

interface BrowserWorker {
  postMessage(data: unknown): void;
  terminate(): void;
  addEventListener(type: "error", cb: (e: unknown) => void): void;
}

interface BrowserGlobals {
  Worker?: new (url: string) => BrowserWorker;
  Blob?: new (parts: string[], opts: { type: string }) => object;
  URL?: { createObjectURL(blob: object): string };
  navigator?: { hardwareConcurrency?: number };
  crossOriginIsolated?: boolean;
}

/** A running worker as the thread pool sees it. */
export interface WorkerHandle {
  terminate(): void;
}

function nodeProcess(): NodeProcess | undefined {
  const p = (globalThis as { process?: NodeProcess }).process;
  return p?.versions?.node ? p : undefined;
}

/** A Node built-in module, or undefined outside Node (or on a Node too old to hand it out synchronously). */
export function nodeBuiltin<T>(name: string): T | undefined {
  const p = nodeProcess();
  try {
    return p?.getBuiltinModule?.(name) as T | undefined;
  } catch {
    return undefined;
  }
}

/** Turns on relaxed SIMD in Node 20, where it sits behind a V8 flag; must run before the first compile. */
export function enableRelaxedSimd(): void {
  const v8 = nodeBuiltin<{ setFlagsFromString(flag: string): void }>("node:v8");
  v8?.setFlagsFromString("--experimental-wasm-relaxed-simd");
}

/** The number of logical cores (1 when unknown). */
export function coreCount(): number {
  const os = nodeBuiltin<{ availableParallelism?: () => number; cpus(): unknown[] }>("node:os");
  if (os) return Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
  const n = (globalThis as BrowserGlobals).navigator?.hardwareConcurrency;
  return typeof n === "number" && n > 0 ? n : 1;
}

/** Whether workers over shared memory are possible here (SharedArrayBuffer exists and can be shared with workers). */
export function canShareMemory(): boolean {
  if (typeof SharedArrayBuffer === "undefined" || typeof Atomics === "undefined") return false;
  if (nodeProcess()) return nodeBuiltin("node:worker_threads") !== undefined;
  const g = globalThis as BrowserGlobals;
  return g.crossOriginIsolated === true && typeof g.Worker === "function";
}

/**
 * Starts a worker running `source` (plain JavaScript defining `start(data)`), hands it `data`, and
 * reports its death through `onExit`. Node workers are unref'd so they never keep a process alive.
 */
export function spawnWorker(source: string, data: unknown, onExit: (why: string) => void): WorkerHandle {
  const wt = nodeBuiltin<NodeWorkerModule>("node:worker_threads");
  if (wt) {
    const code = `${source}\nstart(require("node:worker_threads").workerData);`;
    const w = new wt.Worker(code, { eval: true, workerData: data });
    w.unref();
    w.on("error", (e) => onExit(`error: ${(e as Error)?.message ?? String(e)}`));
    w.on("exit", (code) => onExit(`exited with code ${String(code)}`));
    return { terminate: () => void w.terminate() };
  }
  const g = globalThis as BrowserGlobals;
  if (!g.Worker || !g.Blob || !g.URL) throw new Error("no Worker support");
  const code = `${source}\nself.onmessage = (e) => start(e.data);`;
  const w = new g.Worker(g.URL.createObjectURL(new g.Blob([code], { type: "text/javascript" })));
  w.addEventListener("error", (e) => onExit(`error: ${String((e as { message?: string }).message ?? e)}`));
  w.postMessage(data);
  return {
    terminate: () => {
      w.terminate();
      onExit("terminated");
    },
  };
}

/** Prints a warning once per distinct message (console is present in every host). */
const warned = new Set<string>();
export function warnOnce(message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  console.warn(`backprop: ${message}`);
}
