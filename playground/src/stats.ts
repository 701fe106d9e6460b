/**
 * Per-layer histograms for the "layers over time" view: each dense layer's outputs on the training
 * data and the log-magnitude of its kernel's gradient, so vanishing and exploding gradients show.
 */
import * as bp from "../../src/index.js";
import { GRAD_LOG_MAX, GRAD_LOG_MIN, STAT_BINS, type LayerStats } from "./protocol.js";
import type { Trainer } from "./trainer.js";

/** Per dense layer: histograms of its outputs on the training data and of its kernel's gradient (whole training set). */
export function layerStats(t: Trainer): LayerStats[] {
  return bp.tidy(() => {
    const dense = t.denseLayers();
    const kernels = dense.map((l) => l.weights[0] as bp.Variable);
    const lossFn = (bp.losses as unknown as Record<string, (y: bp.Tensor, p: bp.Tensor) => bp.Tensor>)[
      t.head.loss
    ];
    if (!lossFn) return [];
    const outputs = new Map<string, Float32Array>();
    const { grads } = bp.valueAndGrads(() => {
      let x = t.t.xTrain;
      for (const layer of t.model.layers) {
        x = layer.apply(x, { training: false });
        if (dense.includes(layer)) outputs.set(layer.name, Float32Array.from(x.dataSync()));
      }
      return lossFn(t.t.yTrain, x);
    }, kernels);
    return dense.map((l, i) => {
      const g = grads[i]?.dataSync() ?? new Float32Array();
      const a = outputs.get(l.name) ?? new Float32Array();
      let lim = 1e-6;
      for (const v of a) if (Number.isFinite(v)) lim = Math.max(lim, Math.abs(v));
      let ss = 0;
      for (const v of g) ss += v * v;
      return {
        name: l.name,
        activations: bins(a, (v) => (v + lim) / (2 * lim)),
        activationLimit: lim,
        gradients: bins(
          g,
          (v) => (Math.log10(Math.abs(v) + 1e-30) - GRAD_LOG_MIN) / (GRAD_LOG_MAX - GRAD_LOG_MIN),
        ),
        gradientRms: Math.sqrt(ss / Math.max(1, g.length)),
      };
    });
  });
}

/** Counts of values mapped into [0, 1) by `at` in STAT_BINS bins (non-finite values left out, the ends clamped). */
function bins(values: ArrayLike<number>, at: (v: number) => number): number[] {
  const counts = new Array<number>(STAT_BINS).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) continue;
    const b = Math.max(0, Math.min(STAT_BINS - 1, Math.floor(at(v) * STAT_BINS)));
    counts[b] = (counts[b] ?? 0) + 1;
  }
  return counts;
}
