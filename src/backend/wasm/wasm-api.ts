/**
 * The part of the WebAssembly JS API the backend uses, typed locally: the project compiles against
 * ES2022 without DOM typings, and declaring these globally would clash with a DOM lib later.
 */
export interface WasmMemory {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
  grow(pages: number): number;
}

/** A compiled module (opaque; it is passed to workers by structured clone). */
export interface WasmModule {
  readonly __wasmModule?: never;
}

export interface WasmInstance {
  readonly exports: Record<string, unknown>;
}

interface WasmApi {
  Memory: new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory;
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: Record<string, Record<string, unknown>>) => WasmInstance;
  validate(bytes: Uint8Array): boolean;
}

/** The host's WebAssembly object, or undefined where there is none. */
export function wasmApi(): WasmApi | undefined {
  const w = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  return typeof w === "object" && typeof w.validate === "function" ? w : undefined;
}

/** The host's WebAssembly object; throws where there is none. */
export function requireWasm(): WasmApi {
  const w = wasmApi();
  if (!w) throw new Error("WebAssembly is not available here");
  return w;
}
