/**
 * Adam's update rule (src/optim/rules/adam.ts): on every backend it gives the same new parameter and
 * slots as Adam's formula written with ops, in place, and it refuses slots that share storage or
 * mismatched inputs.
 */
import { describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { updateInPlace } from "../../src/optim/fused.js";
import { adamUpdate as formula } from "../../src/optim/adam.js";
import type { TypedArray } from "../../src/backend/dtype.js";
import { expectMatch, registerVariants, VARIANTS } from "./helpers.js";

registerVariants();
const H = { lr: 0.01, t: 3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };
const alpha = (H.lr * Math.sqrt(1 - H.beta2 ** H.t)) / (1 - H.beta1 ** H.t);

function step(backend: string, dtype: "float32" | "float64", useFused: boolean): TypedArray[] {
  bp.setBackend(backend);
  return bp.tidy(() => {
    const [p, g, m] = [1, 2, 3].map((seed) => bp.randn([37, 5], { seed, dtype }));
    const v = bp.rand([37, 5], { seed: 4, dtype });
    const mv = bp.variable(m!);
    const vv = bp.variable(v);
    if (useFused) {
      const pv = bp.variable(p!);
      updateInPlace("adam", pv, g!, [mv, vv], { alpha, beta1: H.beta1, beta2: H.beta2, epsilon: H.epsilon });
      return [pv.dataSync(), mv.dataSync(), vv.dataSync()];
    }
    const out = formula(p!, g!, { m: mv, v: vv }, H);
    return [out.p.dataSync(), out.m.dataSync(), out.v.dataSync()];
  });
}

describe("fused Adam", () => {
  test("float64 on js: the update rule equals the formula", () => {
    const want = step("js", "float64", false);
    step("js", "float64", true).forEach((got, k) => expectMatch(got, want[k]!, "ulp", `float64 output ${k}`));
  });

  test.each(["js", ...VARIANTS.map((v) => v.name)])("float32 on %s: the update rule equals the formula", (backend) => {
    const want = step("js", "float32", false);
    step(backend, "float32", true).forEach((got, k) => expectMatch(got, want[k]!, "sum", `${backend} output ${k}`));
  });

  test("Adam's steps through the update rule match the formula's trajectory", () => {
    const run = (useFused: boolean): number[] => {
      bp.setBackend("wasm");
      const w = bp.variable(bp.randn([6, 3], { seed: 9 }));
      const opt = bp.optimizers.adam({ learningRate: 0.05, amsgrad: !useFused });
      // amsgrad takes the formula path; with vhat = max(vhat, v) it equals Adam while v only grows, as here
      for (let i = 0; i < 5; i++) opt.minimize(() => w.sub(bp.scalar(i)).square().sum(), [w]);
      return Array.from(w.dataSync());
    };
    const a = run(true);
    const b = run(false);
    a.forEach((x, i) => expect(x).toBeCloseTo(b[i]!, 5));
  });

  test("bad input: shared slot storage, dtype and shape mismatches", () => {
    bp.setBackend("wasm");
    const p = bp.variable(bp.ones([3]));
    const g = bp.ones([3]);
    const m = bp.variable(bp.zeros([3]));
    const own = (n = 3): bp.Variable => bp.variable(bp.zeros([n]));
    const hyper = { alpha: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };
    expect(() => updateInPlace("adam", p, g, [m, m], hyper)).toThrow(/m is updated in place, so it must be a variable whose storage nothing else shares/);
    const held = m.reshape([1, 3]);
    expect(() => updateInPlace("adam", p, g, [m, own()], hyper)).toThrow(bp.ValueError);
    held.dispose();
    expect(() => updateInPlace("adam", bp.ones([3]), g, [own(), own()], hyper)).toThrow(/p is updated in place/);
    expect(() => updateInPlace("adam", p, g, [own(4), own()], hyper)).toThrow(bp.ShapeError);
    expect(() => updateInPlace("adam", p, g.cast("int32"), [own(), own()], hyper)).toThrow(bp.DTypeError);
    expect(() => updateInPlace("adam", p, g, [own()], hyper)).toThrow(/expected 2 slots \(m, v\), got 1/);
    expect(() => updateInPlace("adam", p, g, [own(), own()], { ...hyper, alpha: NaN })).toThrow(/alpha/);
    expect(Array.from(p.dataSync())).toEqual([1, 1, 1]);
  });
});
