/**
 * Adam's in-place rule takes a moment as 0 in its step where α·m would be subnormal in float32 (that
 * product takes the processor's slow path; a model whose dead units' moments decayed through that band
 * ran its updates 10× slower for an epoch). The same on both backends (js computes in float64, so
 * the others agree to float32 rounding).
 */
import { expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { updateInPlace } from "../../src/optim/fused.js";

const attrs = { alpha: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, flush: false };

function step(backend: "js" | "wasm"): number[][] {
  bp.setBackend(backend);
  const p = bp.variable(bp.tensor([1e-36, 0.5, 1e-36, 0.5, -2e-36, 3]));
  const g = bp.variable(bp.tensor([0, 0, 0, 1e-3, 0, -0.2]));
  const m = bp.variable(bp.tensor([1e-37, 1e-37, 1e-3, 1e-3, -5e-36, 0.1]));
  const v = bp.variable(bp.tensor([1e-6, 1e-6, 1e-6, 1e-6, 1e-6, 0.04]));
  updateInPlace("adam", p, g, [m, v], attrs);
  return [p, m, v].map((t) => [...t.dataSync()]);
}

test.each(["js", "wasm"] as const)("%s: a moment whose α·m is subnormal moves no parameter, and the others move as the formula says", (backend) => {
  const [p, m, v] = step(backend);
  const m0 = Math.fround(Math.fround(0.9) * Math.fround(1e-37));
  expect(m![0]).toBeCloseTo(m0, 45); // the moment itself is kept (it is normal)
  expect(Math.abs(m![0]!) * 1e-3).toBeLessThan(2 ** -126);
  expect(p![0]).toBe(Math.fround(1e-36)); // α·m subnormal: no step
  expect(p![4]).toBe(Math.fround(-2e-36)); // −4.5e-36 · 1e-3 is subnormal too
  expect(p![2]).toBeLessThan(Math.fround(1e-36)); // a normal moment moves even a tiny parameter
  expect(p![5]).toBeLessThan(3);
  expect(v![0]).toBeGreaterThan(0);
  bp.setBackend("wasm");
});

test("js and wasm agree to float32 rounding", () => {
  const wasm = step("wasm").flat();
  const js = step("js").flat();
  bp.setBackend("wasm");
  js.forEach((x, i) => expect(Math.abs(wasm[i]! - x)).toBeLessThanOrEqual(Math.abs(x) * 2 ** -22));
});
