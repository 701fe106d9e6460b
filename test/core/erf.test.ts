/** The erf primitive against CPython's math.erf (values printed by Python 3), in float64 and float32, and its special values. */
import { afterEach, describe, expect, test } from "vitest";
import * as P from "../../src/autograd/primitives/index.js";
import * as bp from "../../src/index.js";
import { ERF_REFERENCE as REFERENCE } from "./erf-reference.js";


afterEach(() => bp.setBackend("js"));

describe.each(["js", "wasm"])("erf on %s", (backend) => {
  test("float64 agrees with math.erf to 1e-15 relative on both branches", () => {
    bp.setBackend(backend);
    const got = P.erf([bp.tensor(REFERENCE.map(([x]) => x), [REFERENCE.length], "float64")], {}).dataSync();
    REFERENCE.forEach(([x, want], i) => {
      const err = Math.abs((got[i] as number) - want) / Math.max(Math.abs(want), 1e-300);
      expect(err, `erf(${x})`).toBeLessThan(1e-15);
    });
  });

  test("float32 is math.erf rounded to float32, within one ulp", () => {
    bp.setBackend(backend);
    const got = P.erf([bp.tensor(REFERENCE.map(([x]) => x), [REFERENCE.length])], {}).dataSync();
    REFERENCE.forEach(([x, want], i) => {
      const w = Math.fround(want);
      const ulp = Math.max(Math.abs(w) * 2 ** -23, 2 ** -149);
      expect(Math.abs((got[i] as number) - w), `erf(${x})`).toBeLessThanOrEqual(ulp);
    });
  });

  test("keeps -0, NaN and saturates at ±Infinity; int32 input is a DTypeError", () => {
    bp.setBackend(backend);
    const got = Array.from(P.erf([bp.tensor([-0, NaN, Infinity, -Infinity, 1e30])], {}).dataSync());
    expect(Object.is(got[0], -0)).toBe(true);
    expect(got.slice(1)).toEqual([NaN, 1, -1, 1]);
    expect(() => P.erf([bp.tensor([1, 2], [2], "int32")], {})).toThrow(bp.DTypeError);
    expect(() => (P.erf as (i: readonly bp.Tensor[], a: object) => bp.Tensor)([], {})).toThrow(/erf: expected 1 inputs \(x\), got 0/);
  });
});
