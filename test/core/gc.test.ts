/**
 * The safety net: a tensor that is dropped without dispose() (outside any scope) releases its
 * storage when the garbage collector reclaims it, through the engine's FinalizationRegistry.
 */
import { expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { gc } from "../gc.js";

bp.setBackend("js"); // the core is specified on the reference backend; other backends are compared against it

function dropSome(n: number): void {
  for (let i = 0; i < n; i++) bp.ones([256]).mul(2); // neither result is kept, disposed, nor scoped
}

test("dropped tensors are reclaimed by the garbage collector", async () => {
  const before = bp.memory();
  dropSome(50);
  const grown = bp.memory();
  expect(grown.numTensors - before.numTensors).toBe(100);
  // finalization callbacks run after a collection, on a later turn of the event loop
  for (let round = 0; round < 50 && bp.memory().numTensors > before.numTensors; round++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  expect(bp.memory().numTensors).toBe(before.numTensors);
  expect(bp.memory().numBytes).toBe(before.numBytes);
});
