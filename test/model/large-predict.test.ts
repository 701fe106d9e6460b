/** Predicting many samples at once: predict concatenates hundreds of batch outputs. */
import { describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";

describe.each(["wasm", "js"])("on %s", (backend) => {
  test("predict on 16,000 samples (500 batches) and concat of 600 tensors", () => {
    const before = bp.getBackend();
    bp.setBackend(backend);
    try {
      const model = bp.sequential([bp.layers.dense({ units: 2, inputShape: [2], kernelInitializer: "ones" })]);
      const x = bp.ones([16_000, 2]);
      const out = model.predict(x);
      expect(out.shape).toEqual([16_000, 2]);
      expect(out.min().item()).toBe(2);
      const parts = Array.from({ length: 600 }, (_, i) => bp.full([1, 3], i));
      const joined = bp.concat(parts, 0);
      expect(joined.shape).toEqual([600, 3]);
      expect(joined.slice([599, 0], [1, 3]).toArray()).toEqual([[599, 599, 599]]);
    } finally {
      bp.setBackend(before);
    }
  });
});
