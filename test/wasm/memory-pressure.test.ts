/**
 * Memory without tidy on the wasm backend, whose storage the JS garbage collector cannot see: a
 * hand-written loop that drops its results stays in bounded WebAssembly memory, whether it awaits
 * each iteration or never yields; where no collection can be requested, running out is a
 * MemoryError that names bp.tidy as the fix. Creating an impossible tensor fails at once.
 */
import { execFileSync } from "node:child_process";
import { expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { createWasmBackend, type WasmBackend } from "../../src/backend/wasm/index.js";
import { backendByName, setCollection } from "../../src/tensor/engine.js";
import { dropLoop } from "../core/drop-loop.js";

const MiB = 2 ** 20;

test.each(["await", "sync"] as const)(
  "a loop of 600 iterations on 1M floats (%s) stays under 1 GB of WebAssembly memory",
  async (mode) => {
    bp.setBackend("wasm");
    const heap = (backendByName("wasm") as unknown as WasmBackend).runtime.heap;
    const x = bp.randn([1_000_000], { seed: 1 });
    // before: the default backend reached its 4 GB limit at iteration ~535
    const r = await dropLoop({ x, iterations: 600, mode, limit: 1024 * MiB, memory: () => heap.size });
    expect(r.peakMemory).toBeLessThan(1024 * MiB);
    expect(r.peakBytes).toBeLessThan(1024 * MiB);
    expect(r.done).toBe(600);
  },
  120_000,
);

test("where no collection can be requested, running out in a loop that never yields is a MemoryError naming bp.tidy", async () => {
  bp.registerBackend("wasm-64mb", () => createWasmBackend({ threads: 1, memoryLimit: 64 * MiB }), -1);
  bp.setBackend("wasm-64mb");
  const x = bp.randn([1_000_000], { seed: 1 });
  setCollection(false); // as in a runtime that offers no way to request a collection
  try {
    let error: unknown;
    try {
      await dropLoop({ x, iterations: 100, mode: "sync", limit: Infinity });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(bp.MemoryError);
    const message = (error as Error).message;
    expect(message).toMatch(/4000000 bytes/);
    expect(message).toMatch(/bp\.tidy\(\(\) => /); // a one-line example
  } finally {
    setCollection(true);
  }
  // with collection, the same loop runs in the same 64 MB
  const r = await dropLoop({ x, iterations: 100, mode: "sync", limit: Infinity });
  expect(r.done).toBe(100);
}, 60_000);

test.each([
  ["zeros", "bp.zeros([2 ** 30])"],
  ["ones", "bp.ones([2 ** 30])"],
  ["full", "bp.full([2 ** 30], 3)"],
  ["randn", "bp.randn([2 ** 30])"],
])(
  "%s of 2^30 floats (4 GiB) is a MemoryError naming the size, without filling a host array first",
  (_name, expr) => {
    const script = [
      `import * as bp from "./src/index.ts";`,
      `let error = "none";`,
      `try { ${expr}; } catch (e) { error = e.constructor.name + ": " + e.message; }`,
      `console.log(JSON.stringify({ error, maxRssMB: process.resourceUsage().maxRSS / 1024 }));`,
    ].join("\n");
    const out = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      timeout: 60_000,
    });
    const { error, maxRssMB } = JSON.parse(out.toString()) as { error: string; maxRssMB: number };
    expect(error).toMatch(/^MemoryError: /);
    expect(error).toContain("1073741824");
    // before: a 4 GiB host array was filled (4.3 GB resident) before the backend refused
    expect(maxRssMB).toBeLessThan(1024);
  },
  120_000,
);
