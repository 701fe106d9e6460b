/**
 * Linear regression as a one-neuron network: a dense layer with one unit and no activation, trained
 * with mean squared error by gradient descent, recovers the line the data came from — the same
 * answer as the least-squares formula.
 *
 *   npx tsx examples/linear-regression.ts
 *
 * Stated result: slope and intercept within 0.05 of the least-squares solution (true line y = 3x - 2).
 */
import * as bp from "../src/index.js";
import { fmt, runIfMain } from "./main.js";

export interface LinearResult {
  slope: number;
  intercept: number;
  leastSquares: { slope: number; intercept: number };
  loss: number;
}

/** n points with x uniform in [-1, 1] and y = 3x - 2 + noise. */
export function lineData(n: number, seed: number): { xs: number[]; ys: number[] } {
  const rng = new bp.Rng(seed);
  const xs = Array.from({ length: n }, () => 2 * rng.uniform() - 1);
  const ys = xs.map((x) => 3 * x - 2 + 0.2 * rng.normal());
  return { xs, ys };
}

export async function run(options: { epochs?: number; seed?: number } = {}): Promise<LinearResult> {
  const seed = options.seed ?? 1;
  bp.setSeed(seed);
  const { xs, ys } = lineData(200, seed);
  const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [1] })]);
  model.compile({ optimizer: bp.optimizers.sgd({ learningRate: 0.1 }), loss: "meanSquaredError" });
  const history = await model.fit(bp.tensor(xs, [xs.length, 1]), bp.tensor(ys, [ys.length, 1]), { epochs: options.epochs ?? 60, batchSize: 16, verbose: 0 });
  const [kernel, bias] = model.getWeights();
  // least squares in closed form: slope = cov(x, y) / var(x)
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  const cov = xs.reduce((s, x, i) => s + (x - mx) * (ys[i]! - my), 0);
  const varx = xs.reduce((s, x) => s + (x - mx) ** 2, 0);
  const slope = cov / varx;
  return {
    slope: kernel!.item(),
    intercept: bias!.item(),
    leastSquares: { slope, intercept: my - slope * mx },
    loss: history.history.loss!.at(-1)!,
  };
}

runIfMain(import.meta.url, () => run(), (r) =>
  [
    "Linear regression with one neuron (data from y = 3x - 2 + noise):",
    `  learned:       y = ${fmt(r.slope)} x ${r.intercept < 0 ? "-" : "+"} ${fmt(Math.abs(r.intercept))}`,
    `  least squares: y = ${fmt(r.leastSquares.slope)} x ${r.leastSquares.intercept < 0 ? "-" : "+"} ${fmt(Math.abs(r.leastSquares.intercept))}`,
    `  final mean squared error ${fmt(r.loss)} (the noise variance is 0.04)`,
  ].join("\n"),
);
