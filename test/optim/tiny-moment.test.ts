/**
 * The in-place rules skip a product that would be subnormal in float32 where its effect cannot show:
 * Adam's, Adamax's and Nadam's step takes the moment as 0 where lr·m is below FLT_MIN, centered
 * RMSprop takes a² as 0 where it is. Moments of dead units decay geometrically through that band, and
 * subnormal arithmetic takes the processor's slow path (an epoch of an MLP ran its updates 10×
 * slower). Each rule is checked on both backends against its formula (computed in float64, with the
 * cut): a skipped product leaves its parameter exactly where it was, the others move as the formula
 * says, and js and wasm agree to float32 rounding.
 */
import { expect, test } from "vitest";
import * as bp from "../../src/index.js";
import type { RuleName, UpdateRuleAttrs } from "../../src/backend/update-rules.js";
import { updateInPlace } from "../../src/optim/fused.js";

const FLT_MIN = 2 ** -126;
const f = Math.fround;
/** m taken as 0 where lr·m is subnormal in float32 (the cut the rules make). */
const cut = (m: number, lr: number): number => (Math.abs(f(m)) < f(FLT_MIN / f(lr)) ? 0 : m);

interface Row<R extends RuleName> {
  /** the test's name (default: the rule's) */
  label?: string;
  rule: R;
  attrs: UpdateRuleAttrs[R];
  p: number[];
  g: number[];
  slots: number[][];
  /** indices whose step the cut skips: p stays as it was, to the bit */
  still: number[];
  /** the new parameter in float64 from float32 inputs, the formula with the cut */
  formula: (p: number, g: number, slots: number[]) => number;
}

// dead units (g = 0) whose moment is normal but lr·m is not, beside normal-range elements
const P = [1e-36, 0.5, 1e-36, 0.5, -2e-36, 3];
const G = [0, 0, 0, 1e-3, 0, -0.2];
const M = [1e-37, 1e-37, 1e-3, 1e-3, -5e-36, 0.1];
const V = [1e-6, 1e-6, 1e-6, 1e-6, 1e-6, 0.04];
const MOMENTS = { p: P, g: G, slots: [M, V], still: [0, 4] };

const adamAttrs = { alpha: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, flush: false };
const nadamAttrs = {
  lr: 1e-3,
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-7,
  mScale: 0.9,
  gScale: 0.1,
  vDiv: 0.5,
  flush: false,
};

/** Adam's and Adamax's new parameter, p − α·m / (d + ε), d from the second slot as `second` says. */
const adamStep =
  (second: (s: number, g: number, beta2: number) => number) =>
  (p: number, g: number, [m, s]: number[]): number => {
    const { alpha, beta1: b1, beta2: b2, epsilon } = adamAttrs;
    const m1 = b1 * m! + (1 - b1) * g;
    return p - (alpha * cut(m1, alpha)) / (second(s!, g, b2) + epsilon);
  };

/**
 * Centered RMSprop (with momentum μ when μ > 0): elements 0 and 4 (in the vector body and in the
 * tail) have a² subnormal beside a tiny v and ε = 0, the one case where taking it as 0 shows.
 */
function rmspropRow(momentum: number): Row<"rmsprop"> {
  const attrs = { lr: 1e-3, rho: 0.9, epsilon: 0, momentum, centered: true, flush: false };
  const { lr, rho } = attrs;
  return {
    label: `centered rmsprop, momentum ${momentum}`,
    rule: "rmsprop",
    attrs,
    p: [1e-4, 0.5, 0.5, 0.3, 1e-4],
    g: [1e-20, 0.2, 0, -0.1, 1e-20],
    slots: [
      [1e-37, 0.04, 1e-6, 0.02, 1e-37],
      [1e-19, 0.1, 1e-19, -0.05, 1e-19],
      ...(momentum > 0 ? [[0, 0.01, 1e-3, -0.01, 0]] : []),
    ],
    still: momentum > 0 ? [] : [2],
    formula: (p, g, [v, a, m]) => {
      const a1 = rho * a! + (1 - rho) * g;
      const d = rho * v! + (1 - rho) * g * g - (Math.abs(a1) < 2 ** -63 ? 0 : a1 * a1);
      const step = (g * lr) / Math.sqrt(d);
      return p - (momentum > 0 ? momentum * m! + step : step);
    },
  };
}

const ROWS: Row<RuleName>[] = [
  {
    rule: "adam",
    attrs: adamAttrs,
    ...MOMENTS,
    formula: adamStep((v, g, b2) => Math.sqrt(b2 * v + (1 - b2) * g * g)),
  } satisfies Row<"adam">,
  {
    rule: "adamax",
    attrs: adamAttrs,
    ...MOMENTS,
    formula: adamStep((u, g, b2) => Math.max(b2 * u, Math.abs(g))),
  } satisfies Row<"adamax">,
  {
    rule: "nadam",
    attrs: nadamAttrs,
    ...MOMENTS,
    formula: (p, g, [m, v]) => {
      const { lr, beta1: b1, beta2: b2, epsilon, mScale, gScale, vDiv } = nadamAttrs;
      const mHat = (b1 * m! + (1 - b1) * g) * mScale + g * gScale;
      return p - (lr * cut(mHat, lr)) / (Math.sqrt((b2 * v! + (1 - b2) * g * g) / vDiv) + epsilon);
    },
  } satisfies Row<"nadam">,
  rmspropRow(0),
  rmspropRow(0.9),
];

function step<R extends RuleName>(backend: "js" | "wasm", row: Row<R>): number[] {
  bp.setBackend(backend);
  const p = bp.variable(bp.tensor(row.p));
  const slots = row.slots.map((s) => bp.variable(bp.tensor(s)));
  updateInPlace(row.rule, p, bp.variable(bp.tensor(row.g)), slots, row.attrs);
  return [...p.dataSync()];
}

const cases = ROWS.flatMap((row) =>
  (["js", "wasm"] as const).map((b) => [row.label ?? row.rule, b, row] as const),
);

test.each(cases)(
  "%s on %s: a skipped product leaves p to the bit, the rest follow the formula",
  (_, backend, row) => {
    const got = step(backend, row as Row<RuleName>);
    bp.setBackend("wasm");
    for (const i of row.still) expect(got[i]).toBe(f(row.p[i]!));
    got.forEach((x, i) => {
      const want = (row as Row<RuleName>).formula(
        f(row.p[i]!),
        f(row.g[i]!),
        row.slots.map((s) => f(s[i]!)),
      );
      expect(Math.abs(x - want), `element ${i}: ${x} vs ${want}`).toBeLessThanOrEqual(
        Math.abs(want) * 2 ** -20,
      );
    });
  },
);

test.each(ROWS.map((row) => [row.label ?? row.rule, row] as const))(
  "%s: js and wasm agree to float32 rounding",
  (_, row) => {
    const js = step("js", row as Row<RuleName>);
    const wasm = step("wasm", row as Row<RuleName>);
    bp.setBackend("wasm");
    js.forEach((x, i) => expect(Math.abs(wasm[i]! - x)).toBeLessThanOrEqual(Math.abs(x) * 2 ** -22));
  },
);
