/**
 * One batch: the forward pass, the loss as Keras 3 computes it — mean over the batch of the per-sample
 * loss times its weight, plus every regularization penalty — and, for training, the gradient step.
 * Each runs inside tidy, so nothing but the variables outlives it.
 */
import { valueAndGrads } from "../autograd/grad.js";
import { noGrad } from "../autograd/tape.js";
import { fmtShape, ShapeError } from "../errors.js";
import type { Layer } from "../nn/layers/layer.js";
import type { Metric } from "../metrics/index.js";
import { keep, tidy } from "../tensor/engine.js";
import type { Tensor, Variable } from "../tensor/tensor.js";
import type { Compiled } from "./compile.js";

/** The parts of a model a step uses. */
export interface StepModel {
  readonly layers: readonly Layer[];
  readonly trainableWeights: Variable[];
  apply(x: Tensor, kwargs?: { training?: boolean }): Tensor;
}

/** Sum of the regularization penalties of the trainable layers, or undefined when there are none. */
export function regularizationLoss(layers: readonly Layer[]): Tensor | undefined {
  let total: Tensor | undefined;
  for (const layer of layers) {
    if (!layer.trainable) continue;
    for (const r of layer.regularizationLosses()) total = total ? total.add(r) : r;
  }
  return total;
}

/** The loss to minimize and report: weighted mean of per-sample losses + regularization (a scalar). */
export function totalLoss(model: StepModel, c: Compiled, yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor): Tensor {
  const per = c.loss.perSample(yTrue, yPred);
  if (per.rank !== 1 || per.shape[0] !== yPred.shape[0]) {
    throw new ShapeError(`${c.loss.name}: per-sample loss has shape ${fmtShape(per.shape)}, expected [${yPred.shape[0]}] (one value per sample)`);
  }
  const data = sampleWeight ? per.mul(sampleWeight.cast(per.dtype)).mean() : per.mean();
  const reg = regularizationLoss(model.layers);
  return reg ? data.add(reg) : data;
}

export function updateMetrics(metrics: readonly Metric[], yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor): void {
  noGrad(() => {
    for (let i = 0; i < metrics.length; i++) metrics[i]!.update(yTrue, yPred, sampleWeight);
  });
}

/**
 * Forward + backward + one optimizer update on a batch; returns the batch loss (computed before the
 * update). `checkLoss` runs before the update and may throw to leave the weights untouched.
 */
export function trainOnBatch(
  model: StepModel,
  c: Compiled,
  x: Tensor,
  y: Tensor,
  sampleWeight: Tensor | undefined,
  checkLoss?: (loss: number) => void,
): number {
  return tidy(() => {
    const vars = model.trainableWeights;
    let yPred: Tensor | undefined;
    const forward = (): Tensor => {
      // kept past the gradient call (which frees its intermediates) for the metrics; disposed below
      yPred = keep(model.apply(x, { training: true }));
      return totalLoss(model, c, y, yPred, sampleWeight);
    };
    try {
      if (vars.length === 0) {
        const loss = noGrad(forward).item();
        checkLoss?.(loss);
        updateMetrics(c.trainMetrics, y, yPred!, sampleWeight);
        return loss;
      }
      const { value, grads } = valueAndGrads(forward, vars);
      const loss = value.item();
      checkLoss?.(loss);
      c.optimizer.applyGradients(vars.map((variable, i) => ({ variable, grad: grads[i] as Tensor })));
      updateMetrics(c.trainMetrics, y, yPred!, sampleWeight);
      return loss;
    } finally {
      if (yPred !== x) yPred?.dispose();
    }
  });
}

/** Forward pass in inference mode; returns the batch loss and updates `metrics`. */
export function testOnBatch(model: StepModel, c: Compiled, metrics: readonly Metric[], x: Tensor, y: Tensor, sampleWeight?: Tensor): number {
  return tidy(() =>
    noGrad(() => {
      const yPred = model.apply(x, { training: false });
      const loss = totalLoss(model, c, y, yPred, sampleWeight).item();
      updateMetrics(metrics, y, yPred, sampleWeight);
      return loss;
    }),
  );
}
