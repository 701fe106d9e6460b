/** How tensors show themselves to TensorFlow.js habits and Node's console. */
import { inspect } from "node:util";
import { afterEach, describe, expect, test, vi } from "vitest";
import * as bp from "../../src/index.js";

describe("printing and reading tensors", () => {
  afterEach(() => vi.restoreAllMocks());

  test("util.inspect (what console.log uses) shows the formatted tensor, not its fields", () => {
    const t = bp.tensor([[1, 2], [3, 4]]);
    const shown = inspect(t);
    expect(shown).toBe(t.toString());
    expect(shown).toBe("Tensor(shape=[2,2], dtype=float32)\n[[1., 2.],\n [3., 4.]]");
    expect(shown).not.toMatch(/storage_|requiresGrad|softmaxOf/);
    expect(inspect({ w: bp.variable(bp.tensor([5, 6], undefined, "int32")) })).toContain("Tensor(shape=[2], dtype=int32)\n  [5, 6]");
  });

  test("a large tensor prints its corners only", () => {
    const shown = inspect(bp.zeros([2000, 500]));
    expect(shown.split("\n").length).toBeLessThan(20);
    expect(shown).toContain("...");
  });

  test("a disposed tensor says so instead of throwing", () => {
    const t = bp.ones([3]);
    t.dispose();
    expect(inspect(t)).toBe("Tensor(shape=[3], dtype=float32) <disposed>");
  });

  test("print() writes the formatted tensor to the console", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    const t = bp.tensor([1.5, -2]);
    t.print();
    expect(log).toHaveBeenCalledWith(t.toString());
  });

  test("await t.array() and await t.data() give the contents", async () => {
    const t = bp.tensor([[1, 2, 3], [4, 5, 6]]);
    await expect(t.array()).resolves.toEqual([[1, 2, 3], [4, 5, 6]]);
    const data = await t.data();
    expect(data).toBeInstanceOf(Float32Array);
    expect(Array.from(data)).toEqual([1, 2, 3, 4, 5, 6]);
    await expect(bp.scalar(7).array()).resolves.toBe(7);
  });
});
