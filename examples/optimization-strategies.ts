/**
 * Three ways to find the weights of a linear softmax classifier, each allowed the same number of steps
 * (the three strategies of an introductory course):
 *   1. random search: try random weights, keep the best;
 *   2. random local search: from the current weights, try a random small step, keep it if the loss drops;
 *   3. gradient descent: step against the gradient, which autodiff computes exactly.
 *
 *   npx tsx examples/optimization-strategies.ts
 *
 * Stated result: gradient descent reaches the lowest loss, random local search the next, random search the highest.
 */
import * as bp from "../src/index.js";
import { blobs } from "./blobs.js";
import { fmt, runIfMain } from "./main.js";

export interface StrategiesResult {
  randomSearch: number;
  randomLocalSearch: number;
  gradientDescent: number;
  /** The loss after each step, per strategy. */
  curves: { randomSearch: number[]; randomLocalSearch: number[]; gradientDescent: number[] };
}

export async function run(options: { steps?: number; seed?: number } = {}): Promise<StrategiesResult> {
  const seed = options.seed ?? 1;
  const steps = options.steps ?? 100;
  const dims = 10;
  const { x, y } = blobs(300, seed, 1.0, dims - 2);
  const loss = (w: bp.Tensor, b: bp.Tensor): bp.Tensor => bp.losses.categoricalCrossentropy(y, x.matmul(w).add(b), { fromLogits: true });
  const lossOf = (w: bp.Tensor, b: bp.Tensor): number => bp.tidy(() => loss(w, b).item());
  let draw = seed * 1000;
  const randn = (shape: number[], scale: number): bp.Tensor => bp.randn(shape, { seed: draw++ }).mul(scale);

  // 1. random search
  const rs: number[] = [];
  let best = Infinity;
  for (let i = 0; i < steps; i++) {
    best = Math.min(best, bp.tidy(() => lossOf(randn([dims, 3], 1), randn([3], 1))));
    rs.push(best);
  }

  // 2. random local search
  const rls: number[] = [];
  let w = randn([dims, 3], 1);
  let b = randn([3], 1);
  let current = lossOf(w, b);
  for (let i = 0; i < steps; i++) {
    const w2 = w.add(randn([dims, 3], 0.1));
    const b2 = b.add(randn([3], 0.1));
    const l = lossOf(w2, b2);
    if (l < current) [w, b, current] = [w2, b2, l];
    rls.push(current);
  }

  // 3. gradient descent with the exact gradient
  const gd: number[] = [];
  const wv = bp.variable(randn([dims, 3], 1));
  const bv = bp.variable(randn([3], 1));
  for (let i = 0; i < steps; i++) {
    bp.tidy(() => {
      const { value, grads } = bp.valueAndGrads(() => loss(wv, bv), [wv, bv]);
      wv.assign(wv.sub(grads[0]!.mul(0.5)));
      bv.assign(bv.sub(grads[1]!.mul(0.5)));
      void value;
    });
    gd.push(lossOf(wv, bv));
  }
  return {
    randomSearch: rs.at(-1)!,
    randomLocalSearch: rls.at(-1)!,
    gradientDescent: gd.at(-1)!,
    curves: { randomSearch: rs, randomLocalSearch: rls, gradientDescent: gd },
  };
}

runIfMain(import.meta.url, () => run(), (r) =>
  [
    `Linear softmax classifier (10 inputs, 3 classes) on overlapping blobs, ${r.curves.gradientDescent.length} steps each:`,
    `  random search        loss ${fmt(r.randomSearch)}`,
    `  random local search  loss ${fmt(r.randomLocalSearch)}`,
    `  gradient descent     loss ${fmt(r.gradientDescent)}`,
  ].join("\n"),
);
