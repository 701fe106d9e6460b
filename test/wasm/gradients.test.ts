/**
 * Gradient (vjp) parity: composite functions — an MLP with softmax cross-entropy, a small CNN, a mix
 * of element-wise, broadcasting and data-movement ops, and a Hessian (gradients of gradients) — give
 * the same values and gradients on the js backend and on each wasm configuration. Also: the same
 * inputs and thread count give bit-identical results on fresh backends.
 */
import { beforeAll, describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import type { TypedArray } from "../../src/backend/dtype.js";
import { createWasmBackend } from "../../src/backend/wasm/index.js";
import { expectMatch, registerVariants, threadsReady, VARIANTS } from "./helpers.js";

interface Composite {
  name: string;
  shapes: number[][];
  f: (...xs: bp.Tensor[]) => bp.Tensor;
}

const labels = (n: number, k: number): bp.Tensor => bp.oneHot(Array.from({ length: n }, (_, i) => (i * 7) % k), k);

const COMPOSITES: Composite[] = [
  {
    name: "MLP 20-16-5 with softmax cross-entropy",
    shapes: [[12, 20], [20, 16], [16], [16, 5], [5]],
    f: (x, w1, b1, w2, b2) => {
      const h = x!.matmul(w1!).add(b1!).relu();
      const logits = h.matmul(w2!).add(b2!);
      return bp.logSoftmax(logits).mul(labels(12, 5)).sum(-1).mean().neg();
    },
  },
  {
    name: "CNN conv-relu-maxpool-conv-avgpool-dense",
    shapes: [[3, 10, 10, 2], [3, 3, 2, 4], [4], [3, 3, 4, 6], [54, 3]],
    f: (x, k1, b1, k2, w) => {
      const a = bp.conv2d(x!, k1!, { padding: "same" }).add(b1!).relu();
      const p = bp.maxPool2d(a, { poolSize: 2, strides: 2 });
      const c = bp.conv2d(p, k2!, { strides: 2, padding: "same" }).tanh();
      const q = bp.avgPool2d(c, { poolSize: 2, strides: 1, padding: "same" });
      return bp.logSoftmax(q.reshape([3, -1]).matmul(w!)).mul(labels(3, 3)).sum().neg();
    },
  },
  {
    name: "element-wise, broadcasting and data movement",
    shapes: [[4, 6], [6], [4, 1]],
    f: (a, b, c) => {
      const u = a!.sigmoid().mul(b!).add(c!.exp()).div(b!.abs().add(1));
      const v = bp.maximum(u, a!.tanh()).pow(2).add(bp.minimum(a!, c!).sin());
      const w = bp.concat([v.slice([0, 1], [4, 3]), v.transpose().slice([0, 0], [3, 4]).transpose()], 1);
      const g = bp.gather(bp.pad(w, [[1, 0], [0, 2]], 0.5), [0, 2, 4, 2], 0);
      return g.softplus().sum(0).max().add(g.log1p().mean()).add(bp.logSumExp(v, 1).sum());
    },
  },
  {
    name: "reductions over axes with keepDims",
    shapes: [[3, 4, 5]],
    f: (x) => x!.sum([0, 2], true).mul(x!).max(1).add(x!.min([0, 1]).sum()).sqrt().sum(),
  },
];

function inputsFor(c: Composite, seed: number): Float32Array[] {
  const rng = new bp.Rng(seed);
  return c.shapes.map((s) => Float32Array.from({ length: s.reduce((a, b) => a * b, 1) }, () => 0.5 * rng.normal()));
}

function valueAndGrads(backend: string, c: Composite, data: readonly Float32Array[]): TypedArray[] {
  bp.setBackend(backend);
  return bp.tidy(() => {
    const xs = c.shapes.map((s, k) => bp.tensor(data[k] as Float32Array, s));
    const { value, grads } = bp.valueAndGrads(() => c.f(...xs), xs);
    return [value.dataSync(), ...grads.map((g) => g.dataSync())];
  });
}

registerVariants();

describe.each(VARIANTS)("gradient parity: js vs $name", (variant) => {
  beforeAll(async () => {
    bp.setBackend(variant.name);
    await threadsReady(variant.name);
  });

  test.each(COMPOSITES.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const data = inputsFor(c, 7);
    const want = valueAndGrads("js", c, data);
    const got = valueAndGrads(variant.name, c, data);
    want.forEach((w, k) => expectMatch(got[k] as TypedArray, w, "sum", `${c.name} ${k === 0 ? "value" : `grad ${k - 1}`}`));
  });

  test("hessian of a cubic form", () => {
    const f = (x: bp.Tensor): bp.Tensor => x.pow(3).sum().add(x.matmul(x.transpose()).sum());
    const data = new Float32Array([0.5, -1, 2, 0.25, 1.5, -0.75]);
    const h = (be: string): TypedArray => {
      bp.setBackend(be);
      return bp.tidy(() => bp.hessian(f)(bp.tensor(data, [2, 3])).dataSync());
    };
    expectMatch(h(variant.name), h("js"), "sum", "hessian");
  });
});

describe("determinism", () => {
  test("same inputs and thread count give bit-identical gradient steps on fresh backends", async () => {
    const c = COMPOSITES[0] as Composite;
    const data = inputsFor(c, 11);
    const runFresh = async (threads: number): Promise<TypedArray[]> => {
      const name = `wasm-det-${threads}-${Math.random()}`;
      bp.registerBackend(name, () => createWasmBackend({ threads, parallelThreshold: 0 }), -1);
      bp.setBackend(name);
      await threadsReady(name);
      // ten plain gradient-descent steps on all parameters
      let params = data;
      for (let step = 0; step < 10; step++) {
        const out = valueAndGrads(name, c, params);
        params = params.map((p, k) => Float32Array.from(p, (v, i) => v - 0.1 * ((out[k + 1] as TypedArray)[i] as number)));
      }
      return params;
    };
    for (const threads of [1, 2]) {
      const a = await runFresh(threads);
      const b = await runFresh(threads);
      a.forEach((p, k) => expect(Array.from(b[k] as TypedArray), `thread count ${threads}, parameter ${k}`).toEqual(Array.from(p)));
    }
  });
});
