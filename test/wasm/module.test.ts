/**
 * The shipped module: the committed generated file is built from the current sources, both builds
 * load where this runtime supports them, and the unshared-memory variant (hosts without
 * SharedArrayBuffer) runs on one thread with the same results.
 */
import { execFileSync } from "node:child_process";
import { describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { applyPatch, bestBuild, buildBytes, unshareMemoryImport } from "../../src/backend/wasm/loader.js";
import { makePatch } from "../../scripts/wasm-patch.mjs";
import { createWasmBackend, type WasmBackend } from "../../src/backend/wasm/index.js";
import { requireWasm } from "../../src/backend/wasm/wasm-api.js";
import { backendByName } from "../../src/tensor/engine.js";

describe("the kernel module", () => {
  test("module.generated.ts is up to date with src/backend/wasm/assembly (else: npm run build:wasm)", () => {
    expect(() => execFileSync(process.execPath, ["scripts/build-wasm.mjs", "--check"], { stdio: "pipe", timeout: 120_000 })).not.toThrow();
  }, 180_000);

  test("the plain SIMD build validates, and the relaxed one once Node's flag is set", () => {
    expect(buildBytes("plain")).toBeDefined();
    expect(buildBytes("relaxed")).toBeDefined();
    expect(bestBuild()?.build).toBe("relaxed");
  });

  test("the relaxed build's patch against the plain one rebuilds any bytes (edits, moves, insertions at the ends)", () => {
    let seed = 11;
    const rand = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    const base = Uint8Array.from({ length: 5000 }, () => rand(256));
    for (let round = 0; round < 20; round++) {
      const parts: Uint8Array[] = [Uint8Array.from({ length: rand(40) }, () => rand(256))];
      for (let k = 0; k < 1 + rand(8); k++) {
        const start = rand(base.length);
        parts.push(base.slice(start, start + rand(900)), Uint8Array.from({ length: rand(20) }, () => rand(256)));
      }
      const target = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      parts.reduce((at, p) => (target.set(p, at), at + p.length), 0);
      expect(applyPatch(base, makePatch(base, target), target.length)).toEqual(target);
    }
    expect(applyPatch(base, makePatch(base, new Uint8Array(0)), 0)).toEqual(new Uint8Array(0));
  });

  test("patching the memory import to unshared gives a module that links to unshared memory", () => {
    const WA = requireWasm();
    const bytes = buildBytes("plain")!;
    const unshared = new WA.Module(unshareMemoryImport(bytes));
    const memory = new WA.Memory({ initial: 2, maximum: 10 });
    expect(() => new WA.Instance(unshared, { env: { memory, now: () => 0, lateJob: () => undefined, handBack: () => undefined } })).not.toThrow();
    const shared = new WA.Module(bytes);
    expect(() => new WA.Instance(shared, { env: { memory, now: () => 0, lateJob: () => undefined, handBack: () => undefined } })).toThrow();
  });

  test("without shared memory the backend runs on one thread and agrees with js", () => {
    bp.registerBackend("wasm-unshared", () => createWasmBackend({ threads: 2, shareMemory: false }), -1);
    bp.setBackend("wasm-unshared");
    expect((backendByName("wasm-unshared") as unknown as WasmBackend).runtime.getThreads()).toBe(1);
    const f = (): number[] => {
      const x = bp.randn([40, 30], { seed: 3 });
      return Array.from(x.matmul(x, false, true).relu().sum(0).dataSync());
    };
    const got = f();
    bp.setBackend("js");
    const want = f();
    got.forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 3));
  });
});
