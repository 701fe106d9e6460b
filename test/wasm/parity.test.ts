/**
 * Backend parity: every row of the kernel table runs on the js backend (the reference) and on each
 * wasm configuration — relaxed and plain SIMD builds, one and two threads — and must agree within
 * float32 tolerance (exactly, for kernels without rounding).
 */
import { beforeAll, describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import * as P from "../../src/autograd/primitives/index.js";
import type { TypedArray } from "../../src/backend/dtype.js";
import { expectMatch, makeData, registerVariants, threadsReady, VARIANTS } from "./helpers.js";
import { KERNEL_CASES, type KernelCase } from "./kernel-cases.js";

type Prim = (inputs: readonly bp.Tensor[], attrs: unknown) => bp.Tensor;
const prims = P as unknown as Record<string, Prim>;

function run(backend: string, c: KernelCase, data: readonly TypedArray[]): TypedArray {
  bp.setBackend(backend);
  return bp.tidy(() => {
    const inputs = c.inputs.map((s, k) => bp.tensor(data[k] as TypedArray, s.shape, s.dtype));
    const prim = prims[c.kernel];
    if (!prim) throw new Error(`no primitive ${c.kernel}`);
    return prim(inputs, c.attrs).dataSync();
  });
}

registerVariants();

test("every kernel-backed primitive has a parity row", () => {
  const covered = new Set<string>(KERNEL_CASES.map((c) => c.kernel));
  const kernels = Object.keys(P).filter((name) => name !== "reshape");
  expect(kernels.filter((name) => !covered.has(name))).toEqual([]);
});

describe.each(VARIANTS)("kernel parity: js vs $name", (variant) => {
  beforeAll(async () => {
    bp.setBackend(variant.name);
    await threadsReady(variant.name);
  });

  test.each(KERNEL_CASES.map((c, k) => [c.label, c, k] as const))("%s", (_label, c, k) => {
    const rng = new bp.Rng(1000 + k);
    const data = c.inputs.map((s) => makeData(s, rng));
    const want = run("js", c, data);
    const got = run(variant.name, c, data);
    expectMatch(got, want, c.tol, `${c.label} on ${variant.name}`);
  });
});
