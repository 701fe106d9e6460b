/**
 * The exact gelu x·½(1 + erf(x/√2)), the default as in Keras 3 and TensorFlow.js, against CPython's
 * math.erf values; its tanh approximation behind `approximate`; bp.erf and t.erf; on both backends.
 */
import { afterEach, describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { ERF_REFERENCE } from "../core/erf-reference.js";

afterEach(() => bp.setBackend("js"));

/** gelu(x·√2) = x·√2·½(1 + erf(x)) for each math.erf pair, negatives mirrored in. */
const CASES = ERF_REFERENCE.flatMap(([x, e]) => [[x, e] as const, [-x, -e] as const]).map(([x, e]) => {
  const t = x * Math.SQRT2;
  return { t, want: 0.5 * t * (1 + e) };
});
const tanhForm = (v: number): number =>
  0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v ** 3)));

describe.each(["js", "wasm"])("gelu on %s", (backend) => {
  test("the default is exact: float64 within 1e-14 of math.erf's gelu", () => {
    bp.setBackend(backend);
    const got = bp
      .gelu(
        bp.tensor(
          CASES.map((c) => c.t),
          [CASES.length],
          "float64",
        ),
      )
      .dataSync();
    CASES.forEach(({ t, want }, i) =>
      expect(Math.abs((got[i] as number) - want), `gelu(${t})`).toBeLessThanOrEqual(1e-14 * Math.abs(t)),
    );
  });

  test("float32 within 4 ulps of |x| (1 + erf cancels digits on the left, as in every float32 gelu)", () => {
    bp.setBackend(backend);
    const ts = CASES.map((c) => c.t);
    const got = bp.tensor(ts).gelu().dataSync();
    CASES.forEach(({ t, want }, i) =>
      expect(Math.abs((got[i] as number) - want), `gelu(${t})`).toBeLessThanOrEqual(
        4 * 2 ** -24 * Math.abs(t) + 2 ** -149,
      ),
    );
  });

  test("approximate: true is the tanh form; the two differ by up to ~5e-4", () => {
    bp.setBackend(backend);
    const xs = Array.from({ length: 81 }, (_, i) => (i - 40) / 10);
    const x = bp.tensor(xs, [xs.length], "float64");
    const approx = bp.gelu(x, true).dataSync();
    xs.forEach((v, i) =>
      expect(Math.abs((approx[i] as number) - tanhForm(v)), `gelu(${v}, true)`).toBeLessThan(1e-14),
    );
    expect(Array.from(x.gelu(true).dataSync())).toEqual(Array.from(approx));
    expect(Array.from(bp.activations.geluApproximate(x).dataSync())).toEqual(Array.from(approx));
    const gap = Math.max(...Array.from(bp.gelu(x).sub(bp.gelu(x, true)).abs().dataSync()));
    expect(gap).toBeGreaterThan(1e-4);
    expect(gap).toBeLessThan(1e-3);
  });

  test("bp.erf and t.erf are the erf primitive (math.erf to 1e-15)", () => {
    bp.setBackend(backend);
    const x = bp.tensor(
      ERF_REFERENCE.map(([v]) => v),
      [ERF_REFERENCE.length],
      "float64",
    );
    const got = bp.erf(x).dataSync();
    expect(Array.from(x.erf().dataSync())).toEqual(Array.from(got));
    ERF_REFERENCE.forEach(([v, want], i) =>
      expect(Math.abs((got[i] as number) - want), `erf(${v})`).toBeLessThanOrEqual(1e-15 * Math.abs(want)),
    );
  });

  test("gradients of both forms agree with central differences; at ±1000 they stay finite", () => {
    bp.setBackend(backend);
    const x = bp.tensor([-3, -1.5, -0.2, 0.1, 0.7, 2.5, 7], [7], "float64");
    for (const approximate of [false, true]) {
      expect(
        bp.checkGrad((t: bp.Tensor) => bp.gelu(t, approximate).sum(), x, { eps: 1e-6 }).maxRelError,
        `approximate ${approximate}`,
      ).toBeLessThan(1e-6);
      const g = bp.grad((t: bp.Tensor) => bp.gelu(t, approximate).sum())(
        bp.tensor([-1000, -100, 0, 100, 1000]),
      );
      expect(Array.from(g.dataSync()), `approximate ${approximate}`).toEqual([0, 0, 0.5, 1, 1]);
    }
  });
});

describe("gelu by name and bad options", () => {
  test('"gelu" is exact and "geluApproximate" (gelu_approximate) the tanh form', () => {
    const a = bp.activations;
    expect(a.getActivation("gelu")).toBe(a.gelu);
    expect(a.getActivation("gelu_approximate")).toBe(a.geluApproximate);
    expect(a.activationName(a.geluApproximate)).toBe("geluApproximate");
    const x = bp.tensor([1], [1], "float64");
    expect(a.gelu(x).item()).toBeCloseTo(0.8413447460685429, 14);
  });

  test("approximate that is not a boolean is a ValueError naming gelu", () => {
    expect(() => bp.gelu(bp.tensor([1]), "tanh" as unknown as boolean)).toThrow(bp.ValueError);
    expect(() => bp.gelu(bp.tensor([1]), 1 as unknown as boolean)).toThrow(/gelu: approximate/);
    expect(() => bp.erf(bp.tensor([1], [1], "int32"))).toThrow(bp.DTypeError);
  });
});
