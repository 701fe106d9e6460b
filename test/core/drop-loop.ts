/**
 * The loop users write by hand, without bp.tidy: `y = x.mul(2).add(1)` each iteration, the result
 * dropped. Tracks the peak of the bytes held in tensor storage (and of WebAssembly memory when
 * given) and stops as soon as one passes `limit`, so a regression fails fast instead of exhausting
 * the machine.
 */
import * as bp from "../../src/index.js";

export interface DropLoopResult {
  done: number;
  peakBytes: number;
  peakMemory: number;
}

export async function dropLoop(options: {
  x: bp.Tensor;
  iterations: number;
  /** "await": awaits y.data() (a resolved promise, no macrotask) each iteration; "sync": never yields. */
  mode: "await" | "sync";
  limit: number;
  /** Committed memory of the backend (WebAssembly memory size), if it has one. */
  memory?: () => number;
}): Promise<DropLoopResult> {
  const { x, iterations, mode, limit, memory } = options;
  const r: DropLoopResult = { done: 0, peakBytes: 0, peakMemory: 0 };
  for (let i = 0; i < iterations; i++) {
    const y = x.mul(2).add(1);
    if (mode === "await") await y.data();
    r.done = i + 1;
    r.peakBytes = Math.max(r.peakBytes, bp.memory().numBytes);
    r.peakMemory = Math.max(r.peakMemory, memory?.() ?? 0);
    if (r.peakBytes > limit || r.peakMemory > limit) break;
  }
  return r;
}
