/**
 * The kernel table the backends are compared on: one row per (kernel, shapes, attributes), covering
 * scalars, size-0 tensors, broadcasting, transposed operands, strides and padding, special values
 * (±0, ±∞, NaN), ties, int32 and mixed dtypes, and sizes large enough to be split across threads.
 * Inputs are drawn from a seeded generator; expected values are the js backend's.
 */
import type { KernelAttrs, KernelName, Pads2d } from "../../src/backend/kernel-attrs.js";

export type Domain = "normal" | "pos" | "special" | "int" | "ties" | "bool" | "unit" | `index:${number}`;

export interface InputSpec {
  shape: number[];
  dtype: "float32" | "int32";
  domain: Domain;
}

export interface KernelCase<K extends KernelName = KernelName> {
  kernel: K;
  label: string;
  inputs: InputSpec[];
  attrs: KernelAttrs[K];
  /** "exact": same bits expected up to ±0; "ulp": a few float32 ulps; "sum": accumulation order differs. */
  tol: "exact" | "ulp" | "sum";
}

const f = (shape: number[], domain: Domain = "normal"): InputSpec => ({ shape, dtype: "float32", domain });
const i = (shape: number[], domain: Domain = "int"): InputSpec => ({ shape, dtype: "int32", domain });
const show = (s: number[]): string => `[${s.join(",")}]`;

function row<K extends KernelName>(kernel: K, inputs: InputSpec[], attrs: KernelAttrs[K], tol: KernelCase["tol"], note = ""): KernelCase {
  const label = `${kernel} ${inputs.map((t) => `${show(t.shape)}${t.dtype === "int32" ? "i" : ""}`).join(" ")}${note ? ` ${note}` : ""}`;
  return { kernel, label, inputs, attrs, tol } as KernelCase;
}

const UNARY_SHAPES = [[], [0], [7], [3, 5], [2, 3, 33], [70000]];
const unaryDomains: Record<string, Domain> = {
  neg: "special", exp: "normal", log: "pos", log1p: "pos", sqrt: "pos", abs: "special", sign: "special",
  sigmoid: "special", tanh: "normal", sin: "normal", cos: "normal", floor: "special", relu: "special", erf: "special",
};

function unaryCases(): KernelCase[] {
  const out: KernelCase[] = [];
  for (const [name, domain] of Object.entries(unaryDomains)) {
    const k = name as "neg";
    const tol = ["neg", "abs", "sign", "floor", "sqrt", "relu"].includes(name) ? "exact" : "ulp";
    for (const s of UNARY_SHAPES) out.push(row(k, [f(s, domain)], {}, tol));
    out.push(row(k, [f([40], "special")], {}, tol, "special values"));
    if (["neg", "abs", "sign", "floor", "relu"].includes(name)) out.push(row(k, [i([3, 9])], {}, "exact"));
  }
  for (const s of [[], [7], [3, 5], [70000]]) out.push(row("reluGrad", [f(s, "special"), f(s)], {}, "exact"));
  out.push(row("reluGrad", [i([4, 6]), f([4, 6])], {}, "exact", "int32 x"));
  out.push(row("cast", [f([37], "normal")], { dtype: "int32" }, "exact"));
  out.push(row("cast", [i([4, 6])], { dtype: "float32" }, "exact"));
  out.push(row("cast", [f([4, 6])], { dtype: "float32" }, "exact"));
  out.push(row("cast", [i([3])], { dtype: "int32" }, "exact"));
  return out;
}

const BINARY_SHAPES: [number[], number[]][] = [
  [[], []], [[], [4]], [[5], []], [[13], [13]], [[3, 4], [4]], [[3, 1], [1, 4]], [[2, 3, 4], [3, 1]],
  [[0, 3], [3]], [[2, 1, 3, 1], [1, 4, 1, 5]], [[6, 1], [6, 7]], [[300, 257], [257]], [[64, 1000], [64, 1]],
];

function binaryCases(): KernelCase[] {
  const out: KernelCase[] = [];
  const arith = ["add", "sub", "mul", "div", "pow", "maximum", "minimum"] as const;
  for (const k of arith) {
    const domain: Domain = k === "pow" ? "pos" : "normal";
    for (const [a, b] of BINARY_SHAPES) out.push(row(k, [f(a, domain), f(b, k === "pow" ? "normal" : domain)], {}, k === "pow" ? "exact" : "exact"));
    out.push(row(k, [f([30], "special"), f([30], "special")], {}, "exact", "special values"));
    if (k !== "div" && k !== "pow") {
      out.push(row(k, [i([4, 5]), i([5])], {}, "exact"));
      out.push(row(k, [i([3, 1]), i([1, 6])], {}, "exact"));
    }
    out.push(row(k, [i([4, 3]), f([3], k === "pow" ? "unit" : "normal")], {}, "exact", "mixed dtypes"));
  }
  for (const k of ["equal", "notEqual", "greater", "greaterEqual", "less", "lessEqual"] as const) {
    for (const [a, b] of BINARY_SHAPES.slice(0, 9)) out.push(row(k, [f(a, "ties"), f(b, "ties")], {}, "exact"));
    out.push(row(k, [f([30], "special"), f([30], "special")], {}, "exact", "special values"));
    out.push(row(k, [i([4, 5], "ties"), i([5], "ties")], {}, "exact"));
    out.push(row(k, [i([4, 5], "ties"), f([5], "ties")], {}, "exact", "mixed dtypes"));
  }
  const whereShapes: number[][][] = [
    [[], [], []], [[5], [5], [5]], [[3, 4], [3, 4], []], [[3, 4], [], [3, 4]], [[3, 1], [1, 4], [3, 4]],
    [[2, 1, 5], [3, 1], [5]], [[0, 2], [2], [2]], [[100, 300], [100, 300], []],
  ];
  for (const [c, a, b] of whereShapes) out.push(row("where", [i(c!, "bool"), f(a!), f(b!)], {}, "exact"));
  out.push(row("where", [f([4, 5], "ties"), f([4, 5]), f([5])], {}, "exact", "float condition"));
  out.push(row("where", [i([6], "bool"), i([6]), i([6])], {}, "exact", "int32 values"));
  return out;
}

function reductionCases(): KernelCase[] {
  const out: KernelCase[] = [];
  const cases: [number[], number[]][] = [
    [[], []], [[7], [0]], [[4, 5, 6], [0]], [[4, 5, 6], [1]], [[4, 5, 6], [2]], [[4, 5, 6], [0, 2]], [[4, 5, 6], [1, 2]],
    [[4, 5, 6], [0, 1, 2]], [[4, 5, 6], []], [[3, 1, 2], [1]], [[2, 3, 4, 5], [0, 2]], [[2, 3, 4, 5], [1, 3]],
    [[1000, 300], [0]], [[300, 1000], [1]], [[64, 10], [1]],
  ];
  for (const k of ["sum", "max", "min"] as const) {
    for (const [s, axes] of cases) out.push(row(k, [f(s, k === "sum" ? "normal" : "ties")], { axes }, k === "sum" ? "sum" : "exact", `axes ${show(axes)}`));
    out.push(row(k, [f([3, 8], "special")], { axes: [1] }, k === "sum" ? "sum" : "exact", "special values"));
    out.push(row(k, [i([5, 6])], { axes: [0] }, "exact"));
    out.push(row(k, [i([5, 6])], { axes: [1] }, "exact"));
  }
  out.push(row("sum", [f([3, 0, 2])], { axes: [1] }, "exact", "empty axis"));
  out.push(row("sum", [f([0])], { axes: [0] }, "exact", "empty"));
  for (const k of ["argmax", "argmin"] as const) {
    for (const [s, axis] of [[[7], 0], [[4, 5, 6], 0], [[4, 5, 6], 1], [[4, 5, 6], 2], [[64, 10], 1]] as [number[], number][]) {
      out.push(row(k, [f(s, "ties")], { axis }, "exact", `axis ${axis}`));
    }
    out.push(row(k, [f([6, 8], "special")], { axis: 1 }, "exact", "special values"));
    out.push(row(k, [i([5, 6], "ties")], { axis: 1 }, "exact"));
  }
  for (const [s, axis] of [[[7], 0], [[64, 10], 1], [[4, 5, 6], 0], [[4, 5, 6], 1], [[4, 5, 6], 2], [[3, 1], 1], [[2000, 10], 1]] as [number[], number][]) {
    out.push(row("logSoftmax", [f(s, "normal")], { axis }, "ulp", `axis ${axis}`));
  }
  out.push(row("logSoftmax", [f([6, 9], "special")], { axis: 1 }, "ulp", "special values"));
  // the cross-entropy of softmax(z) against y, and its gradient in z (g: one value per row)
  for (const s of [[7], [64, 10], [2, 3, 5], [3, 1], [2000, 10], [4, 0]]) {
    const rows = s.slice(0, -1);
    out.push(row("softmaxCrossEntropy", [f(s, "normal"), f(s, "pos")], {}, "sum"));
    out.push(row("softmaxCrossEntropyGrad", [f(s, "normal"), f(s, "pos"), f(rows, "unit")], {}, "sum"));
  }
  out.push(row("softmaxCrossEntropy", [f([6, 9], "special"), f([6, 9], "unit")], {}, "sum", "special values"));
  out.push(row("softmaxCrossEntropyGrad", [f([6, 9], "special"), f([6, 9], "unit"), f([6], "unit")], {}, "sum", "special values"));
  return out;
}

function movementCases(): KernelCase[] {
  const out: KernelCase[] = [];
  const perms: [number[], number[]][] = [
    [[], []], [[5], [0]], [[3, 4], [1, 0]], [[3, 4], [0, 1]], [[2, 3, 4], [2, 0, 1]], [[2, 3, 4], [0, 2, 1]],
    [[2, 3, 4, 5], [3, 1, 0, 2]], [[1, 3, 1, 4], [3, 2, 1, 0]], [[0, 3], [1, 0]], [[300, 257], [1, 0]], [[33, 17], [1, 0]],
  ];
  for (const [s, perm] of perms) out.push(row("transpose", [f(s)], { perm }, "exact", `perm ${show(perm)}`));
  out.push(row("transpose", [i([3, 5])], { perm: [1, 0] }, "exact"));
  const bcast: [number[], number[]][] = [[[], [3, 2]], [[3], [4, 3]], [[3, 1], [3, 5]], [[1, 2, 1], [4, 2, 3]], [[2], [2]], [[1], [0, 1]]];
  for (const [s, shape] of bcast) out.push(row("broadcastTo", [f(s)], { shape }, "exact", `to ${show(shape)}`));
  const slices: [number[], number[], number[]][] = [
    [[10], [2], [5]], [[4, 6], [1, 2], [2, 3]], [[4, 6], [0, 0], [4, 6]], [[3, 4, 5], [1, 0, 2], [2, 4, 2]], [[4, 6], [1, 1], [0, 3]],
    [[3, 4, 5], [0, 3, 4], [3, 1, 1]],
  ];
  for (const [s, begin, size] of slices) out.push(row("slice", [f(s)], { begin, size }, "exact", `${show(begin)}+${show(size)}`));
  const pads: [number[], [number, number][], number][] = [
    [[3], [[1, 2]], 0], [[2, 3], [[0, 1], [2, 0]], 1.5], [[2, 3, 4], [[1, 1], [0, 0], [3, 2]], -2], [[0, 2], [[1, 1], [1, 0]], 7],
    [[], [], 0],
  ];
  for (const [s, paddings, value] of pads) out.push(row("pad", [f(s)], { paddings, value }, "exact", JSON.stringify(paddings)));
  out.push(row("pad", [i([2, 2])], { paddings: [[1, 0], [0, 1]], value: 3 }, "exact"));
  const concats: [number[][], number][] = [
    [[[2, 3], [4, 3]], 0], [[[2, 3], [2, 1], [2, 5]], 1], [[[2, 3, 4], [2, 0, 4], [2, 2, 4]], 1], [[[3], [4]], 0], [[[2, 2, 3], [2, 2, 1]], 2],
  ];
  for (const [shapes, axis] of concats) out.push(row("concat", shapes.map((s) => f(s)), { axis }, "exact", `axis ${axis}`));
  out.push(row("concat", [i([2]), i([3])], { axis: 0 }, "exact"));
  out.push(row("gather", [f([5, 3]), i([4], "index:5")], { axis: 0 }, "exact"));
  out.push(row("gather", [f([2, 6, 3]), i([2, 3], "index:6")], { axis: 1 }, "exact"));
  out.push(row("gather", [f([4]), i([], "index:4")], { axis: 0 }, "exact"));
  out.push(row("gather", [i([3, 4]), i([5], "index:4")], { axis: 1 }, "exact"));
  out.push(row("scatterAdd", [f([6, 3]), i([6], "index:4")], { axis: 0, shape: [4, 3] }, "sum"));
  out.push(row("scatterAdd", [f([2, 5, 3]), i([5], "index:2")], { axis: 1, shape: [2, 2, 3] }, "sum"));
  out.push(row("scatterAdd", [i([4, 2]), i([4], "index:3")], { axis: 0, shape: [3, 2] }, "exact"));
  return out;
}

function matmulCases(): KernelCase[] {
  const out: KernelCase[] = [];
  const sizes: [number, number, number][] = [
    [1, 1, 1], [1, 5, 1], [3, 0, 4], [2, 3, 4], [5, 7, 9], [4, 8, 8], [13, 17, 11], [64, 100, 33], [33, 300, 65], [8, 3000, 8],
    [200, 130, 150], [1, 64, 300],
  ];
  for (const [m, k, n] of sizes) {
    for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]] as [boolean, boolean][]) {
      const a = ta ? [k, m] : [m, k];
      const b = tb ? [n, k] : [k, n];
      out.push(row("matmul", [f(a), f(b)], { transposeA: ta, transposeB: tb }, "sum", `${ta ? "Aᵀ" : "A"}${tb ? "Bᵀ" : "B"}`));
    }
  }
  out.push(row("matmul", [f([2, 3, 4, 5]), f([5, 6])], { transposeA: false, transposeB: false }, "sum", "batched"));
  out.push(row("matmul", [f([2, 1, 4, 5]), f([3, 6, 5])], { transposeA: false, transposeB: true }, "sum", "broadcast batch"));
  out.push(row("matmul", [f([3, 5, 4]), f([3, 5, 2])], { transposeA: true, transposeB: false }, "sum", "batched"));
  out.push(row("matmul", [i([3, 4]), i([4, 2])], { transposeA: false, transposeB: false }, "exact"));
  out.push(row("matmul", [i([3, 4]), f([4, 2])], { transposeA: false, transposeB: false }, "sum", "mixed dtypes"));
  // the fused epilogue: bias, relu, both (a ragged n, a batch, transposed operands)
  for (const [m, k, n] of [[5, 7, 9], [64, 100, 33], [1, 3, 4]] as [number, number, number][]) {
    out.push(row("matmul", [f([m, k]), f([k, n]), f([n])], { transposeA: false, transposeB: false }, "sum", "bias"));
    out.push(row("matmul", [f([k, m]), f([n, k])], { transposeA: true, transposeB: true, activation: "relu" }, "sum", "relu"));
    out.push(row("matmul", [f([m, k]), f([k, n]), f([n])], { transposeA: false, transposeB: false, activation: "relu" }, "sum", "bias relu"));
  }
  out.push(row("matmul", [f([2, 3, 4, 5]), f([5, 6]), f([6])], { transposeA: false, transposeB: false, activation: "relu" }, "sum", "batched bias relu"));
  out.push(row("matmul", [i([3, 4]), i([4, 2]), i([2])], { transposeA: false, transposeB: false, activation: "relu" }, "exact", "int32 bias relu"));
  return out;
}

const pad0: Pads2d = { top: 0, bottom: 0, left: 0, right: 0 };
const pads = (top: number, bottom: number, left: number, right: number): Pads2d => ({ top, bottom, left, right });
const outSize = (n: number, k: number, s: number, p0: number, p1: number): number => Math.floor((n + p0 + p1 - k) / s) + 1;

function convCases(): KernelCase[] {
  const out: KernelCase[] = [];
  const geoms: [number[], number[], [number, number], Pads2d][] = [
    [[1, 5, 5, 1], [3, 3, 1, 2], [1, 1], pad0], [[2, 7, 6, 3], [3, 2, 3, 4], [2, 1], pad0], [[2, 6, 6, 2], [3, 3, 2, 5], [1, 1], pads(1, 1, 1, 1)],
    [[1, 8, 9, 4], [5, 5, 4, 3], [2, 2], pads(2, 2, 1, 3)], [[3, 4, 4, 8], [1, 1, 8, 16], [1, 1], pad0], [[2, 5, 5, 3], [1, 1, 3, 2], [2, 2], pad0],
    [[8, 28, 28, 1], [5, 5, 1, 8], [1, 1], pad0], [[8, 12, 12, 8], [5, 5, 8, 16], [1, 1], pad0], [[0, 5, 5, 2], [3, 3, 2, 2], [1, 1], pad0],
    [[1, 3, 3, 2], [3, 3, 2, 2], [1, 1], pads(0, 2, 2, 0)],
  ];
  for (const [x, w, strides, p] of geoms) {
    const oh = outSize(x[1]!, w[0]!, strides[0], p.top, p.bottom);
    const ow = outSize(x[2]!, w[1]!, strides[1], p.left, p.right);
    const y = [x[0]!, oh, ow, w[3]!];
    const note = `s${strides.join("x")} p${[p.top, p.bottom, p.left, p.right].join("")}`;
    out.push(row("conv2d", [f(x), f(w)], { strides, pads: p }, "sum", note));
    out.push(row("conv2dBackpropInput", [f(y), f(w)], { strides, pads: p, inputShape: x }, "sum", note));
    out.push(row("conv2dBackpropFilter", [f(x), f(y)], { strides, pads: p, filterShape: w }, "sum", note));
  }
  out.push(row("conv2d", [i([1, 4, 4, 1]), i([2, 2, 1, 2])], { strides: [1, 1], pads: pad0 }, "exact", "int32"));
  // the fused epilogue (8 channels: whole panels; 5 and 3: a ragged last panel; padding; a row end)
  const fusedGeoms: [number[], number[], [number, number], Pads2d][] = [
    [[2, 9, 9, 1], [5, 5, 1, 8], [1, 1], pad0], [[1, 6, 7, 3], [3, 3, 3, 5], [1, 1], pads(1, 1, 1, 1)], [[2, 7, 6, 2], [3, 2, 2, 3], [2, 1], pad0],
  ];
  for (const [x, w, strides, p] of fusedGeoms) {
    const cout = w[3]!;
    out.push(row("conv2d", [f(x), f(w), f([cout])], { strides, pads: p }, "sum", "bias"));
    out.push(row("conv2d", [f(x), f(w)], { strides, pads: p, activation: "relu" }, "sum", "relu"));
    out.push(row("conv2d", [f(x), f(w), f([cout])], { strides, pads: p, activation: "relu" }, "sum", "bias relu"));
  }
  return out;
}

function poolCases(): KernelCase[] {
  const out: KernelCase[] = [];
  const geoms: [number[], [number, number], [number, number], Pads2d][] = [
    [[1, 4, 4, 1], [2, 2], [2, 2], pad0], [[2, 5, 7, 3], [3, 2], [2, 1], pad0], [[2, 6, 6, 8], [2, 2], [2, 2], pad0],
    [[1, 5, 5, 5], [3, 3], [2, 2], pads(1, 1, 1, 1)], [[1, 3, 3, 4], [2, 2], [1, 1], pads(0, 1, 0, 1)],
    [[1, 2, 2, 2], [3, 3], [3, 3], pads(3, 0, 3, 0)], [[16, 24, 24, 8], [2, 2], [2, 2], pad0],
  ];
  for (const [x, poolSize, strides, p] of geoms) {
    const y = [x[0]!, outSize(x[1]!, poolSize[0], strides[0], p.top, p.bottom), outSize(x[2]!, poolSize[1], strides[1], p.left, p.right), x[3]!];
    const attrs = { poolSize, strides, pads: p };
    const note = `k${poolSize.join("x")} s${strides.join("x")} p${[p.top, p.bottom, p.left, p.right].join("")}`;
    out.push(row("maxPool2d", [f(x, "ties")], attrs, "exact", note));
    out.push(row("maxPool2dGrad", [f(x, "ties"), f(y)], attrs, "sum", note));
    out.push(row("maxPool2dSelect", [f(x, "ties"), f(x)], attrs, "exact", note));
    out.push(row("avgPool2d", [f(x)], attrs, "sum", note));
    out.push(row("avgPool2dGrad", [f(y)], { ...attrs, inputShape: x }, "sum", note));
  }
  const s: [number, number] = [2, 2];
  out.push(row("maxPool2d", [f([1, 4, 4, 5], "special")], { poolSize: s, strides: s, pads: pad0 }, "exact", "special values"));
  out.push(row("maxPool2dGrad", [f([1, 4, 4, 5], "special"), f([1, 2, 2, 5])], { poolSize: s, strides: s, pads: pad0 }, "exact", "special values"));
  // channels a multiple of 4: the 2×2 fast path of the wasm kernel, with NaN, ±Infinity and ties
  for (const c of [4, 8]) {
    out.push(row("maxPool2d", [f([2, 4, 6, c], "special")], { poolSize: s, strides: s, pads: pad0 }, "exact", `special values, ${c} channels`));
    out.push(row("maxPool2dGrad", [f([2, 4, 6, c], "special"), f([2, 2, 3, c])], { poolSize: s, strides: s, pads: pad0 }, "exact", `special values, ${c} channels`));
    out.push(row("maxPool2dSelect", [f([2, 4, 6, c], "special"), f([2, 4, 6, c])], { poolSize: s, strides: s, pads: pad0 }, "exact", `special values, ${c} channels`));
  }
  out.push(row("maxPool2d", [i([1, 4, 4, 2], "ties")], { poolSize: s, strides: s, pads: pad0 }, "exact", "int32"));
  return out;
}

export const KERNEL_CASES: KernelCase[] = [
  ...unaryCases(), ...binaryCases(), ...reductionCases(), ...movementCases(), ...matmulCases(), ...convCases(), ...poolCases(),
];
