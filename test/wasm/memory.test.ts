/**
 * Storage in WebAssembly memory: growth keeps live tensors intact, blocks are reused so a training
 * loop stays flat, size-0 and float64 requests behave, and running out of memory is a MemoryError
 * that names the requested size.
 */
import { execFileSync } from "node:child_process";
import { describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { WasmHeap, sizeClass } from "../../src/backend/wasm/heap.js";
import { createWasmBackend, type WasmBackend, type WasmStorage } from "../../src/backend/wasm/index.js";
import { requireWasm } from "../../src/backend/wasm/wasm-api.js";
import { backendByName, collectionStats } from "../../src/tensor/engine.js";

bp.registerBackend("wasm-mem", () => createWasmBackend({ threads: 1 }), -1);

describe("wasm storage", () => {
  test("memory growth leaves live tensors intact", () => {
    bp.setBackend("wasm-mem");
    const be = createWasmBackend({ threads: 1 });
    const a = be.alloc("float32", 1000);
    be.write(a, Float32Array.from({ length: 1000 }, (_, i) => i * 0.5));
    const before = be.runtime.heap.size;
    const big = [be.alloc("float32", 8 << 20), be.alloc("int32", 4 << 20)];
    expect(be.runtime.heap.size).toBeGreaterThan(before);
    expect(Array.from(be.read(a))).toEqual(Array.from({ length: 1000 }, (_, i) => i * 0.5));
    big.forEach((s) => be.free(s));
    be.free(a);
  });

  test("tensors above the 2 GiB mark of memory are written, computed on and read back", () => {
    // addresses of 2^31 and up do not fit a signed 32-bit shift: views must index with >>> 2
    const be = createWasmBackend({ threads: 2 });
    bp.registerBackend("wasm-high", () => be, -1);
    bp.setBackend("wasm-high");
    try {
      const filler = be.alloc("float32", 2 ** 29 + 2 ** 20); // 2.004 GiB, never touched
      const x = bp.tensor(Float32Array.from({ length: 3000 }, (_, i) => i - 1500), [3, 1000]);
      expect((x.storage as WasmStorage).ptr).toBeGreaterThanOrEqual(2 ** 31);
      expect(Array.from(x.add(1).dataSync().slice(0, 3))).toEqual([-1499, -1498, -1497]);
      expect(Array.from(x.cast("int32").dataSync().slice(-2))).toEqual([1498, 1499]);
      expect(Array.from(x.matmul(bp.ones([1000, 2])).dataSync())).toEqual([-1000500, -1000500, -500, -500, 999500, 999500]);
      expect(Array.from(x.slice([0, 0], [1, 4]).dataSync())).toEqual([-1500, -1499, -1498, -1497]);
      expect(x.sum().item()).toBe(-1500);
      be.free(filler);
    } finally {
      bp.setBackend("wasm-mem");
      be.runtime.dispose();
    }
  });

  test("a training-like loop inside tidy keeps bytes and memory flat", () => {
    bp.setBackend("wasm-mem");
    const w = bp.variable(bp.randn([64, 32], { seed: 1 }));
    const x = bp.randn([16, 64], { seed: 2 });
    const step = (): void => {
      bp.tidy(() => {
        const { grads } = bp.valueAndGrads(() => x.matmul(w).relu().square().mean(), [w]);
        w.assign(w.sub((grads[0] as bp.Tensor).mul(0.01)));
      });
    };
    for (let i = 0; i < 5; i++) step();
    const mem = bp.memory();
    const heap = (backendByName("wasm-mem") as unknown as WasmBackend).runtime.heap;
    const committed = heap.size;
    const reserved = heap.reservedBytes;
    for (let i = 0; i < 200; i++) step();
    expect(bp.memory()).toEqual(mem);
    expect(heap.size).toBe(committed);
    expect(heap.reservedBytes).toBe(reserved);
  });

  test("fit, evaluate and predict leave nothing for the collector: no collection is requested, the watched bytes stay flat", async () => {
    bp.setBackend("wasm-mem");
    const model = bp.sequential([bp.layers.dense({ units: 256, activation: "relu", inputShape: [64] }), bp.layers.dense({ units: 4 })]);
    model.compile({ optimizer: "adam", loss: "meanSquaredError" });
    const x = bp.randn([2048, 64], { seed: 1 });
    const y = bp.randn([2048, 4], { seed: 2 });
    const watched: number[] = [];
    const before = collectionStats().collections;
    await model.fit(x, y, {
      epochs: 4, batchSize: 32, verbose: 0,
      callbacks: [{ onEpochEnd: () => void watched.push(collectionStats().watchedBytes) }],
    });
    const afterFit = collectionStats().watchedBytes;
    for (let i = 0; i < 3; i++) {
      model.evaluate(x, y, { batchSize: 256 });
      model.predict(x, { batchSize: 256 }).dispose();
    }
    expect(watched.every((w) => w === watched[0])).toBe(true);
    expect(collectionStats().watchedBytes).toBe(afterFit);
    expect(collectionStats().collections).toBe(before);
  });

  test.each(["wasm", "js"])("on %s, tensors dropped without dispose are reclaimed by the garbage collector", (backend) => {
    // created outside scopes, returned from tidy, kept in a scope, a variable whose storage was swapped
    const out = execFileSync(process.execPath, ["--expose-gc", "--import", "tsx", "test/wasm/fixtures/finalize-check.ts", backend], { timeout: 60000 });
    const { before, during, after } = JSON.parse(out.toString()) as Record<string, { numTensors: number; numBytes: number }>;
    expect(during!.numTensors).toBeGreaterThan(before!.numTensors);
    expect(after).toEqual(before);
  }, 60_000);

  test("size-0 tensors and scalars", () => {
    bp.setBackend("wasm-mem");
    expect(bp.zeros([0, 3]).add(1).shape).toEqual([0, 3]);
    expect(Array.from(bp.zeros([0]).dataSync())).toEqual([]);
    expect(bp.scalar(3).mul(2).item()).toBe(6);
  });

  test("out of memory is a MemoryError naming the requested size", () => {
    const be = createWasmBackend({ threads: 1 });
    const elements = 2 ** 30;
    expect(() => be.alloc("float32", elements)).toThrow(bp.MemoryError);
    expect(() => be.alloc("float32", elements)).toThrow(String(elements * 4));
  });

  test("float64 tensors live on the JS heap and run the js kernels (gradient checks work on the default backend)", () => {
    bp.setBackend("wasm-mem");
    const x = bp.tensor([0.5, -1.25, 2], [3], "float64");
    const y = x.mul(x).add(bp.tensor([1, 2, 3], [3], "float32").cast("float64")).exp();
    expect(y.dtype).toBe("float64");
    expect(Array.from(y.dataSync())).toEqual([0.5, -1.25, 2].map((v, i) => Math.exp(v * v + i + 1)));
    expect(bp.checkGrad((t) => t.sin().mul(t).sum(), x).ok).toBe(true);
  });
});

describe("the allocator", () => {
  test("size classes: 64-byte multiples with at most 25 % slack", () => {
    for (const bytes of [1, 64, 65, 100, 1000, 4096, 4097, 123457, 10_000_000]) {
      const c = sizeClass(bytes);
      expect(c % 64).toBe(0);
      expect(c).toBeGreaterThanOrEqual(bytes);
      expect(c).toBeLessThanOrEqual(Math.max(64, bytes * 1.25 + 64));
    }
  });

  test("freed blocks are reused and, when memory cannot grow, merged to fit larger requests", () => {
    const memory = new (requireWasm().Memory)({ initial: 1, maximum: 2 });
    const heap = new WasmHeap(memory, false, 0, 2);
    const blocks = Array.from({ length: 8 }, () => heap.alloc(16384, "test"));
    expect(() => heap.alloc(16384, "test")).toThrow(bp.MemoryError);
    const reused = (heap.free(blocks[3]!.ptr, blocks[3]!.cap), heap.alloc(16000, "test"));
    expect(reused.ptr).toBe(blocks[3]!.ptr);
    heap.free(reused.ptr, reused.cap);
    // three neighbours freed: a request of twice the size fits only after merging
    for (const k of [2, 4]) heap.free(blocks[k]!.ptr, blocks[k]!.cap);
    const merged = heap.alloc(40000, "test");
    expect(merged.ptr).toBe(blocks[2]!.ptr);
  });
});
