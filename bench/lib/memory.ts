/**
 * backprop's MEM rows: what the process holds after each epoch, split by owner — resident memory, the
 * V8 heap (committed; its young generation grows by itself during the first epochs), memory outside it
 * (external), the WebAssembly memory and the bytes of live tensors — so a growth can be traced.
 */
import type * as BP from "../../src/index.js";
import { emit, type Result } from "./spec.js";

export interface MemorySample {
  rss: number;
  heapTotal: number;
  external: number;
  wasm: number;
  tensors: number;
}

const MB = 2 ** 20;

/**
 * One sample; `settle`: first a full collection, a pause for the memory freed in the background (array
 * buffers' stores are released off the main thread) and a second collection. Settling between epochs
 * would change what it measures (V8 sizes its young generation by what survives collections), so the
 * MEM rows settle only at the first and the last epoch.
 */
export async function sampleMemory(
  bp: typeof BP,
  wasmBytes: () => number,
  settle = true,
): Promise<MemorySample> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (settle) {
    gc?.();
    await new Promise((r) => setTimeout(r, 50));
    gc?.();
  }
  const m = process.memoryUsage();
  return {
    rss: m.rss,
    heapTotal: m.heapTotal,
    external: m.external,
    wasm: wasmBytes(),
    tensors: bp.memory().numBytes,
  };
}

/** The first value in MB, then each epoch where it moved by 0.5 MB or more from the last one named. */
function series(samples: readonly MemorySample[], key: keyof MemorySample): string {
  const v = samples.map((s) => s[key] / MB);
  let named = v[0]!;
  const changes: string[] = [];
  v.forEach((x, i) => {
    if (Math.abs(x - named) < 0.5) return;
    changes.push(`epoch ${i + 1}: ${x.toFixed(1)}`);
    named = x;
  });
  return changes.length === 0
    ? `${named.toFixed(1)} at every epoch (±0.5)`
    : `${v[0]!.toFixed(1)}, then ${changes.join(", ")}`;
}

/** Emits the resident memory of the first and last epoch and, per owner, its epoch-by-epoch course. */
export function emitMemory(lib: string, samples: readonly MemorySample[]): void {
  const first = samples[0]!;
  const last = samples[samples.length - 1]!;
  const pct = (a: number, b: number): string => `${(((b - a) / a) * 100).toFixed(1)} %`;
  const row = (r: string, value: number, note?: string, unit = "MB"): Result => ({
    lib,
    workload: "MEM",
    row: r,
    value: value / MB,
    unit,
    note,
  });
  emit(row("epoch 1", first.rss, undefined, "MB RSS"));
  const resident = samples.map((s) => (s.rss / MB).toFixed(0)).join(" ");
  emit(
    row(`epoch ${samples.length}`, last.rss, `${pct(first.rss, last.rss)}; by epoch ${resident}`, "MB RSS"),
  );
  emit(row(`epoch ${samples.length}, V8 heap`, last.heapTotal, series(samples, "heapTotal")));
  emit(row(`epoch ${samples.length}, WebAssembly memory`, last.wasm, series(samples, "wasm")));
  emit(row(`epoch ${samples.length}, tensors`, last.tensors, series(samples, "tensors")));
  emit(row(`epoch ${samples.length}, external`, last.external, series(samples, "external")));
}
