/**
 * Two races for the lecture on optimization. Search race: random search, random local search and
 * full-batch gradient descent on the page's network and training data, from the same initial weights
 * with the same budget of steps (each step: one candidate or one gradient), best loss so far per step.
 * Optimizer race: SGD, momentum, Nesterov, RMSprop, Adagrad and Adam from one point on a ravine
 * f(x, y) = 0.1 x² + 2 y², with one learning rate, through bp.optimizers' own minimize.
 */
import * as bp from "../../src/index.js";
import type { Trainer } from "./trainer.js";

export const SEARCH_STEPS = 150;
export const GD_LEARNING_RATE = 0.3;
export const SURFACE_START: [number, number] = [-4.5, 1.6];
export const SURFACE_LR = 0.1;
export const SURFACE_STEPS = 120;

/** The ravine of the optimizer race (built from ops, so bp.optimizers can differentiate it). */
export const surface = (p: bp.Tensor): bp.Tensor =>
  p
    .square()
    .mul(bp.tensor([0.1, 2]))
    .sum();
export const surfaceAt = (x: number, y: number): number => 0.1 * x * x + 2 * y * y;

export interface SearchRace {
  random: number[];
  local: number[];
  gradient: number[];
}

/** Runs the search race on the trainer's model (its weights are put back afterwards). */
export function searchRace(t: Trainer): SearchRace {
  const model = t.model;
  const saved = model.getWeights().map((w) => bp.keep(w.add(0)));
  const shapes = saved.map((w) => w.shape);
  const rng = new bp.Rng(t.settings.seed + 99);
  const lossFn = (bp.losses as unknown as Record<string, (y: bp.Tensor, p: bp.Tensor) => bp.Tensor>)[
    t.head.loss
  ];
  if (!lossFn) throw new Error(`no loss ${t.head.loss}`);
  const lossOf = (ws: Float32Array[]): number => {
    model.setWeights(ws.map((w, i) => bp.tensor(w, shapes[i])));
    return model.evaluate(t.t.xTrain, t.t.yTrain, { batchSize: t.t.xTrain.shape[0] })["loss"] ?? NaN;
  };
  const start = saved.map((w) => Float32Array.from(w.dataSync()));
  const startLoss = lossOf(start);
  try {
    // random search: a fresh guess each step, U(−1, 1) per weight
    const random = [startLoss];
    for (let s = 1; s < SEARCH_STEPS; s++) {
      const guess = start.map((w) => w.map(() => 2 * rng.uniform() - 1));
      random.push(Math.min(random[s - 1] as number, lossOf(guess)));
    }
    // random local search: a step of 0.1·N(0, 1) from the best so far, kept if better
    const local = [startLoss];
    let best = start;
    for (let s = 1; s < SEARCH_STEPS; s++) {
      const next = best.map((w) => w.map((v) => v + 0.1 * rng.normal()));
      const l = lossOf(next);
      if (l < (local[s - 1] as number)) best = next;
      local.push(Math.min(local[s - 1] as number, l));
    }
    // gradient descent on the whole training set
    model.setWeights(saved);
    const gradient = [startLoss];
    const vars = model.trainableWeights;
    for (let s = 1; s < SEARCH_STEPS; s++) {
      bp.tidy(() => {
        const { grads } = bp.valueAndGrads(
          () => lossFn(t.t.yTrain, model.apply(t.t.xTrain, { training: false })),
          vars,
        );
        vars.forEach((v, i) => v.assign(v.sub((grads[i] as bp.Tensor).mul(GD_LEARNING_RATE))));
      });
      const l = model.evaluate(t.t.xTrain, t.t.yTrain, { batchSize: t.t.xTrain.shape[0] })["loss"] ?? NaN;
      gradient.push(Math.min(gradient[s - 1] as number, l));
    }
    return { random, local, gradient };
  } finally {
    model.setWeights(saved);
    for (const w of saved) w.dispose();
  }
}

export const RACE_OPTIMIZERS = ["sgd", "momentum", "nesterov", "rmsprop", "adagrad", "adam"] as const;

/** Each optimizer's path over the ravine from SURFACE_START: [x, y, f] per step. */
export function optimizerRace(): Record<string, number[][]> {
  const out: Record<string, number[][]> = {};
  for (const name of RACE_OPTIMIZERS) {
    const O = bp.optimizers;
    const lr = SURFACE_LR;
    const opt =
      name === "sgd"
        ? O.sgd({ learningRate: lr })
        : name === "momentum"
          ? O.sgd({ learningRate: lr, momentum: 0.9 })
          : name === "nesterov"
            ? O.sgd({ learningRate: lr, momentum: 0.9, nesterov: true })
            : O[name]({ learningRate: lr });
    const p = bp.variable(bp.tensor(SURFACE_START));
    const path: number[][] = [];
    for (let s = 0; s < SURFACE_STEPS; s++) {
      const [x, y] = Array.from(p.dataSync()) as [number, number];
      path.push([x, y, surfaceAt(x, y)]);
      opt.minimize(() => surface(p), [p]);
    }
    out[name] = path;
    p.dispose();
  }
  return out;
}
