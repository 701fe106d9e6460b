/**
 * Fused optimizer updates flush decaying slots to zero once they turn subnormal (as TensorFlow's CPU
 * kernels run with flush-to-zero): Adam's moments of a weight whose gradient stays zero — an MNIST
 * border pixel — decay by β each step into the subnormal range, where x86 arithmetic takes a slow
 * path. With a zero gradient each slot's update is `decay × slot`; the result must be 0 exactly when
 * that product, in the slot's dtype, is subnormal, NaN where the slot was NaN, and the product
 * otherwise — on the js backend and on every wasm variant (SIMD body, scalar tail, split shares).
 * With `flush: false` the kernels leave them; the optimizers ask for the flush every 16th step.
 */
import { describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { updateInPlace } from "../../src/optim/fused.js";
import type { RuleName, UpdateRuleAttrs } from "../../src/backend/update-rules.js";
import { backendByName } from "../../src/tensor/engine.js";
import { registerVariants, VARIANTS } from "./helpers.js";

registerVariants();

const SMALLEST_NORMAL_F32 = 2 ** -126;
/** Slot values: just above the threshold after decay, just below it, already subnormal, ordinary, NaN. */
const PATTERN = [1.5e-38, 1.2e-38, 1e-39, 0.5, -1.2e-38, -3e-39];

interface Case {
  name: string;
  /** Decay of each slot under a zero gradient. */
  decay: number[];
  /** Slots kept non-negative (accumulators of squares and maxima); the others take both signs. */
  nonNegative: boolean[];
  run: (p: bp.Variable, g: bp.Tensor, slots: bp.Variable[], flush?: boolean) => void;
}

const rule = <R extends RuleName>(name: R, attrs: UpdateRuleAttrs[R]) => (p: bp.Variable, g: bp.Tensor, s: bp.Variable[], flush?: boolean) =>
  updateInPlace(name, p, g, s, flush === undefined ? attrs : { ...attrs, flush });

const cases: Case[] = [
  { name: "adam", decay: [0.9, 0.999], nonNegative: [false, true], run: rule("adam", { alpha: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }) },
  { name: "sgd momentum", decay: [0.9], nonNegative: [false], run: rule("momentum", { lr: 0.1, momentum: 0.9, nesterov: false }) },
  {
    name: "rmsprop centered momentum", decay: [0.9, 0.9, 0.5], nonNegative: [true, false, false],
    run: rule("rmsprop", { lr: 0.01, rho: 0.9, epsilon: 1e-7, momentum: 0.5, centered: true }),
  },
  { name: "adadelta", decay: [0.95, 0.95], nonNegative: [true, true], run: rule("adadelta", { lr: 1, rho: 0.95, epsilon: 1e-7 }) },
  { name: "adamax", decay: [0.9, 0.999], nonNegative: [false, true], run: rule("adamax", { alpha: 0.002, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }) },
  {
    name: "nadam", decay: [0.9, 0.999], nonNegative: [false, true],
    run: rule("nadam", { lr: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, mScale: 0.5, gScale: 0.1, vDiv: 0.01 }),
  },
];

/** Slot values for n elements; index 5 is NaN, the rest cycle through PATTERN (made non-negative if asked). */
function slotValues(n: number, positive: boolean): number[] {
  return Array.from({ length: n }, (_, i) => (i === 5 ? NaN : positive ? Math.abs(PATTERN[i % PATTERN.length]!) : PATTERN[i % PATTERN.length]!));
}

function stepWithZeroGradient(c: Case, backend: string, dtype: "float32" | "float64", n: number, flush?: boolean): { before: number[][]; after: Float64Array[] } {
  bp.setBackend(backend);
  return bp.tidy(() => {
    const p = bp.variable(bp.ones([n], dtype));
    const g = bp.zeros([n], dtype);
    const before = c.nonNegative.map((positive) => slotValues(n, positive));
    const slots = before.map((vals) => bp.variable(bp.tensor(vals, [n], dtype)));
    c.run(p, g, slots, flush);
    return { before, after: slots.map((s) => Float64Array.from(s.dataSync())) };
  });
}

describe.each(cases)("flush to zero: $name", (c) => {
  test.each(["js", ...VARIANTS.map((v) => v.name)])("float32 on %s: decayed slots that turn subnormal are 0", (backend) => {
    for (const n of [7, 70001]) {
      const { before, after } = stepWithZeroGradient(c, backend, "float32", n);
      let flushed = 0;
      const wrong: string[] = [];
      after.forEach((slot, k) => {
        const decay = c.decay[k]!;
        slot.forEach((got, i) => {
          const x = before[k]![i]!;
          const at = `slot ${k} [${i}]: ${decay}·${x} gave ${got}`;
          if (Number.isNaN(x)) {
            if (!Number.isNaN(got)) wrong.push(at);
            return;
          }
          const want = Math.fround(Math.fround(decay) * Math.fround(x));
          if (Math.abs(want) < SMALLEST_NORMAL_F32 * 0.999999) {
            if (got !== 0) wrong.push(at);
            else flushed++;
          } else if (Math.abs(want) > SMALLEST_NORMAL_F32 * 1.000001) {
            if (!(Math.abs(got - want) <= Math.abs(want) * 2 ** -22 && Math.abs(got) >= SMALLEST_NORMAL_F32)) wrong.push(at);
          }
        });
      });
      expect(wrong.slice(0, 5), `${backend}, n = ${n}: ${wrong.length} wrong`).toEqual([]);
      expect(flushed).toBeGreaterThan(0);
    }
  });

  test.each(["js", "wasm-relaxed-2", "wasm-plain-2"])("flush: false on %s leaves the subnormal products as they are", (backend) => {
    const { before, after } = stepWithZeroGradient(c, backend, "float32", 70001, false);
    let subnormal = 0;
    after.forEach((slot, k) =>
      slot.forEach((got, i) => {
        const want = Math.fround(Math.fround(c.decay[k]!) * Math.fround(before[k]![i]!));
        if (want !== 0 && Math.abs(want) < SMALLEST_NORMAL_F32 && got !== 0 && Math.abs(got) < SMALLEST_NORMAL_F32) subnormal++;
      }),
    );
    expect(subnormal).toBeGreaterThan(70001 / PATTERN.length);
  });

  test("float64 on js: the threshold is float64's, so float32-subnormal magnitudes survive", () => {
    const { before, after } = stepWithZeroGradient(c, "js", "float64", 7);
    after.forEach((slot, k) =>
      slot.forEach((got, i) => {
        const x = before[k]![i]!;
        if (Number.isNaN(x)) expect(got).toBeNaN();
        else expect(got).toBeCloseTo(c.decay[k]! * x, 50);
        if (Math.abs(x) === 1e-39) expect(got).not.toBe(0);
      }),
    );
  });
});

test("a long run of zero gradients leaves Adam's moments at exactly 0, not subnormal, on every backend", () => {
  for (const backend of ["js", ...VARIANTS.map((v) => v.name)]) {
    bp.setBackend(backend);
    const w = bp.variable(bp.tensor([1, 2, 3, 4, 5]));
    const opt = bp.optimizers.adam({ learningRate: 0.01 });
    // one step with a gradient, then 1,000 with a zero gradient: m decays by 0.9 per step (0.9^1000 ≈ 1.7e-46)
    opt.minimize(() => w.square().sum(), [w]);
    for (let i = 0; i < 1000; i++) opt.minimize(() => w.mul(0).sum(), [w]);
    const m = opt.getState().find((s) => s.name.endsWith("/m"))!.value;
    const values = Array.from(m.dataSync());
    expect(values, backend).toEqual([0, 0, 0, 0, 0]);
    expect(Array.from(w.dataSync()).every(Number.isFinite)).toBe(true);
    opt.dispose();
  }
});

test("optimizers ask for the flush on every 16th step", () => {
  bp.setBackend("wasm");
  const table = backendByName("wasm").updateRules as unknown as Record<string, (...a: unknown[]) => void>;
  const seen: [string, boolean | undefined][] = [];
  const originals = { adam: table["adam"]!, momentum: table["momentum"]!, rmsprop: table["rmsprop"]! };
  for (const name of ["adam", "momentum", "rmsprop"] as const) {
    table[name] = (...a: unknown[]) => {
      seen.push([name, (a[3] as { flush?: boolean }).flush]);
      originals[name](...a);
    };
  }
  try {
    for (const make of [() => bp.optimizers.adam(), () => bp.optimizers.sgd({ momentum: 0.9 }), () => bp.optimizers.rmsprop()]) {
      seen.length = 0;
      const w = bp.variable(bp.tensor([1, 2, 3]));
      const opt = make();
      for (let i = 0; i < 32; i++) opt.minimize(() => w.square().sum(), [w]);
      expect(seen).toHaveLength(32);
      expect(seen.flatMap(([, f], i) => (f ? [i + 1] : []))).toEqual([16, 32]);
    }
  } finally {
    Object.assign(table, originals);
  }
});
