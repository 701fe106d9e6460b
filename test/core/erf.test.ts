/** The erf primitive against CPython's math.erf (values printed by Python 3), in float64 and float32, and its special values. */
import { afterEach, describe, expect, test } from "vitest";
import * as P from "../../src/autograd/primitives/index.js";
import * as bp from "../../src/index.js";

const REFERENCE: [number, number][] = [[0.0, 0.0], [1e-08, 1.1283791670955126e-08], [0.1, 0.1124629160182849], [0.5, 0.5204998778130465], [1.0, 0.8427007929497149], [1.5, 0.9661051464753108], [2.0, 0.9953222650189527], [2.4999, 0.9995928300996666], [2.5, 0.999593047982555], [3.0, 0.9999779095030014], [4.0, 0.9999999845827421], [5.0, 0.9999999999984626], [5.9, 0.9999999999999999], [6.0, 1.0], [10.0, 1.0], [-0.7, -0.6778011938374184], [-3.0, -0.9999779095030014]];

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
