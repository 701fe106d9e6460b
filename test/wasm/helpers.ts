/** Shared by the wasm tests: backend variants, seeded inputs and float32-aware comparison. */
import { expect } from "vitest";
import * as bp from "../../src/index.js";
import type { TypedArray } from "../../src/backend/dtype.js";
import { createWasmBackend, type WasmBackend } from "../../src/backend/wasm/index.js";
import type { WasmRuntime } from "../../src/backend/wasm/runtime.js";
import { backendByName } from "../../src/tensor/engine.js";
import type { Domain, InputSpec } from "./kernel-cases.js";

export interface Variant {
  name: string;
  build: "relaxed" | "plain";
  threads: number;
}

/**
 * The wasm configurations every parity row runs on: both builds; two threads with every kernel split
 * into shares whatever its size (so share boundaries are exercised on small shapes too), and one thread.
 */
export const VARIANTS: Variant[] = [
  { name: "wasm-relaxed-2", build: "relaxed", threads: 2 },
  { name: "wasm-plain-2", build: "plain", threads: 2 },
  { name: "wasm-relaxed-1", build: "relaxed", threads: 1 },
];

export function registerVariants(): void {
  for (const v of VARIANTS) {
    bp.registerBackend(v.name, () => createWasmBackend({ build: v.build, threads: v.threads, parallelThreshold: v.threads > 1 ? 0 : undefined }), -1);
  }
}

export function wasmBackend(name: string): WasmBackend {
  return backendByName(name) as unknown as WasmBackend;
}

/** Registers a wasm backend of `threads` threads as `name`, selects it, waits for its helpers and returns its runtime. */
export async function threadedRuntime(name: string, threads = 2): Promise<WasmRuntime> {
  bp.registerBackend(name, () => createWasmBackend({ threads }), -1);
  bp.setBackend(name);
  await threadsReady(name);
  return wasmBackend(name).runtime;
}

/** Waits (up to 5 s) until the helper threads of a backend have started. */
export async function threadsReady(name: string): Promise<void> {
  const be = wasmBackend(name);
  const pool = be.runtime.threadPool;
  const want = be.runtime.getThreads() - 1;
  for (let t = 0; t < 500 && pool && pool.readyCount() < want; t++) await new Promise((r) => setTimeout(r, 10));
}

const SPECIAL = [0, -0, Infinity, -Infinity, NaN, 1e30, -1e30, 1e-30, 3e9, -3e9, 2.5, -2.5, 0.5, -0.5, 100, -100, 1, -1];

export function draw(rng: bp.Rng, domain: Domain): number {
  switch (domain) {
    case "normal":
      return rng.normal();
    case "pos":
      return 0.05 + 3 * rng.uniform();
    case "unit":
      return 2 * rng.uniform() - 1;
    case "special":
      return rng.uniform() < 0.6 ? (SPECIAL[rng.int(SPECIAL.length)] as number) : 3 * rng.normal();
    case "int":
      return rng.int(11) - 5;
    case "ties":
      return rng.int(5) - 2;
    case "bool":
      return rng.int(2);
    default:
      return rng.int(Number(domain.slice("index:".length)));
  }
}

export function makeData(spec: InputSpec, rng: bp.Rng): TypedArray {
  const n = spec.shape.reduce((a, b) => a * b, 1);
  const data = spec.dtype === "int32" ? new Int32Array(n) : new Float32Array(n);
  for (let k = 0; k < n; k++) data[k] = draw(rng, spec.domain);
  return data;
}

/** Asserts got ≈ want element-wise: NaN and ±∞ must match; tol "exact" allows only ±0. */
export function expectMatch(got: TypedArray, want: TypedArray, tol: "exact" | "ulp" | "sum", label: string): void {
  expect(got.length, `${label}: length`).toBe(want.length);
  let scale = 0;
  for (const v of want) if (Number.isFinite(v)) scale = Math.max(scale, Math.abs(v));
  let worst = -1;
  let worstErr = 0;
  for (let k = 0; k < want.length; k++) {
    const g = got[k] as number;
    const w = want[k] as number;
    if (g === w || (Number.isNaN(g) && Number.isNaN(w))) continue;
    let ok = false;
    if (Number.isFinite(g) && Number.isFinite(w)) {
      const err = Math.abs(g - w);
      const bound = tol === "ulp" ? 1e-6 * Math.abs(w) + 1e-7 : tol === "sum" ? 2e-5 * (Math.abs(w) + scale) + 1e-6 : 0;
      ok = err <= bound;
      if (!ok && err > worstErr) {
        worstErr = err;
        worst = k;
      }
    } else if (worst < 0) worst = k;
    if (!ok && worst < 0) worst = k;
  }
  if (worst >= 0) {
    expect.fail(`${label}: element ${worst} is ${got[worst]}, expected ${want[worst]} (tolerance ${tol}, scale ${scale})`);
  }
}
