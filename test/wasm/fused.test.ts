/**
 * bp.fused ops against the separate ops they replace, on the js backend and every wasm variant:
 * the same values bit for bit, forward and gradients (the epilogue stores after each step exactly as
 * the add and relu kernels do), and a dense / conv2d layer with a non-fusable activation still right.
 */
import { beforeAll, describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { registerVariants, threadsReady, VARIANTS } from "./helpers.js";

registerVariants();
beforeAll(async () => {
  for (const v of VARIANTS) await threadsReady(v.name);
});

interface Case {
  name: string;
  /** The inputs (the last is the bias). */
  inputs: () => bp.Tensor[];
  fused: (...xs: bp.Tensor[]) => bp.Tensor;
  unfused: (...xs: bp.Tensor[]) => bp.Tensor;
}

const cases: Case[] = [
  {
    name: "matmul + bias + relu",
    inputs: () => [bp.randn([37, 50]), bp.randn([50, 21]), bp.randn([21])],
    fused: (a, b, c) => bp.fused.matmul({ a: a!, b: b!, bias: c, activation: "relu" }),
    unfused: (a, b, c) => a!.matmul(b!).add(c!).relu(),
  },
  {
    name: "matmul (transposed) + bias",
    inputs: () => [bp.randn([50, 37]), bp.randn([21, 50]), bp.randn([21])],
    fused: (a, b, c) => bp.fused.matmul({ a: a!, b: b!, transposeA: true, transposeB: true, bias: c }),
    unfused: (a, b, c) => a!.matmul(b!, true, true).add(c!),
  },
  {
    name: "conv2d + bias + relu (the W3 CNN's first layer)",
    inputs: () => [bp.rand([16, 28, 28, 1]), bp.randn([5, 5, 1, 8]).mul(0.3), bp.randn([8]).mul(0.1)],
    fused: (x, w, c) => bp.fused.conv2d({ x: x!, filter: w!, bias: c, activation: "relu" }),
    unfused: (x, w, c) => bp.conv2d(x!, w!).add(c!).relu(),
  },
  {
    name: "conv2d same, stride 2, 5 channels + bias + relu",
    inputs: () => [bp.randn([3, 9, 8, 3]), bp.randn([3, 3, 3, 5]), bp.randn([5])],
    fused: (x, w, c) => bp.fused.conv2d({ x: x!, filter: w!, bias: c, activation: "relu", strides: 2, padding: "same" }),
    unfused: (x, w, c) => bp.conv2d(x!, w!, { strides: 2, padding: "same" }).add(c!).relu(),
  },
];

const bits = (t: bp.Tensor): number[] => Array.from(new Uint32Array(new Float32Array(t.dataSync()).buffer));

describe.each(["js", ...VARIANTS.map((v) => v.name)])("bp.fused on %s equals the separate ops", (backend) => {
  test.each(cases)("$name: forward and gradients, bit for bit", (c) => {
    bp.setBackend(backend);
    bp.setSeed(7);
    const xs = c.inputs();
    const head = bp.randn([...c.unfused(...xs).shape]);
    const loss = (f: Case["fused"]) => (...ts: bp.Tensor[]) => f(...ts).mul(head).sum();
    const fusedGrads = bp.grads(loss(c.fused))(xs);
    const plainGrads = bp.grads(loss(c.unfused))(xs);
    expect(bits(c.fused(...xs))).toEqual(bits(c.unfused(...xs)));
    expect(c.fused(...xs).dataSync().some((v) => v > 0)).toBe(true);
    for (let i = 0; i < xs.length; i++) expect(bits(fusedGrads[i]!)).toEqual(bits(plainGrads[i]!));
    bp.setBackend("js");
  });
});

test("dense and conv2d layers with a non-fusable activation apply it after the fused bias", () => {
  bp.setBackend("js");
  bp.setSeed(3);
  const dense = bp.layers.dense({ units: 4, activation: "tanh", inputShape: [3] });
  const x = bp.randn([2, 3]);
  const y = dense.apply(x) as bp.Tensor;
  const [k, b] = dense.getWeights();
  expect(y.dataSync()).toEqual(x.matmul(k!).add(b!).tanh().dataSync());
  const conv = bp.layers.conv2d({ filters: 2, kernelSize: 2, activation: "sigmoid", inputShape: [3, 3, 1] });
  const img = bp.randn([1, 3, 3, 1]);
  const z = conv.apply(img) as bp.Tensor;
  const [w, c] = conv.getWeights();
  expect(z.dataSync()).toEqual(bp.conv2d(img, w!).add(c!).sigmoid().dataSync());
});
