/**
 * Memory without tidy on the js backend: a hand-written loop that drops its results holds bounded
 * storage, because the engine asks for a garbage collection when the bytes only the collector can
 * free pass its budget, and releases what was collected before allocating more.
 */
import { expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { dropLoop } from "./drop-loop.js";

bp.setBackend("js");

const MiB = 2 ** 20;
const x = bp.randn([1_000_000], { seed: 1 }); // 4 MB; each iteration drops 8 MB

test.each(["await", "sync"] as const)(
  "a loop of 200 iterations on 1M floats (%s) holds under 512 MB of storage (1.6 GB dropped)",
  async (mode) => {
    const r = await dropLoop({ x, iterations: 200, mode, limit: 512 * MiB });
    expect(r.peakBytes).toBeLessThan(512 * MiB);
    expect(r.done).toBe(200);
  },
  120_000,
);
