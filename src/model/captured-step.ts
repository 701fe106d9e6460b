/**
 * fit's, evaluate's and predict's batches as captured steps (bp.compileStep): after the first batch
 * a step is recorded, checked against a second recording and replayed for later batches of the same
 * shapes. Training is one program: forward, loss and gradients, a check that reads the loss and runs
 * the NaN guard, then the optimizer update, so a loss the guard rejects stops the replay before the
 * update, as in the eager step. Metrics update eagerly from the replayed predictions. A change of the
 * model (its layers' weights, what is trainable, the optimizer) records afresh; results are those of
 * eager steps bit for bit.
 */
import { valueAndGrads } from "../autograd/grad.js";
import { noGrad } from "../autograd/tape.js";
import { checkedRead } from "../tensor/capture.js";
import { compileStep, type CompiledStep } from "../tensor/compile-step.js";
import { keep, tidy } from "../tensor/engine.js";
import { makeTensor, type Tensor } from "../tensor/tensor.js";
import { trainsAny, writeWeightKey } from "../nn/layers/layer.js";
import { gather } from "../ops/shape-ops.js";
import { takeBatch, type BatchSpec } from "./batching.js";
import type { Compiled } from "./compile.js";
import { totalLoss, trainOnBatch, updateMetrics, type StepModel } from "./step.js";
import type { Metric } from "../metrics/index.js";

/**
 * What, when changed, makes a captured step of this model record afresh: refilled in one array at
 * every call (compileStep keeps a copy of the last key, not the array).
 */
function modelKey(model: StepModel, c?: Compiled): () => unknown[] {
  const key: unknown[] = [];
  return () => {
    let at = 0;
    if (c) {
      key[at++] = c;
      key[at++] = c.optimizer;
    }
    const layers = model.layers;
    for (let i = 0; i < layers.length; i++) {
      key[at++] = layers[i];
      at = writeWeightKey(layers[i]!, key, at);
    }
    key.length = at;
    return key;
  };
}

/** Whether any layer of the model has a weight that trains (without the model's weight list). */
function trainsAnyWeight(model: StepModel): boolean {
  const layers = model.layers;
  for (let i = 0; i < layers.length; i++) if (trainsAny(layers[i]!)) return true;
  return false;
}

/** The inputs of a step: x, y and the sample weights when given. */
function feeds(x: Tensor, y: Tensor, sw: Tensor | undefined): Tensor[] {
  return sw ? [x, y, sw] : [x, y];
}

/** The training set a fit's batches are taken from. */
export interface TrainingSet {
  x: Tensor;
  y: Tensor;
  sw: Tensor | undefined;
}

/**
 * Training batches through one captured step. It takes the batch's sample indices and gathers its
 * rows of the training set itself, so a replay copies each batch once, into the program's own
 * storage, with no eager gather before it. One step a batch, not two (gradients, then the update
 * after the loss was read): the per-step JavaScript of a replay (the step's call, the thread
 * policy's timing, the replay's loop) runs half as often, so V8 compiles less of it in a fit's first
 * epochs, and the gradients need no result tensors.
 */
export class CapturedTraining {
  private readonly step: CompiledStep<Tensor[]>;
  /** The last step's loss, read by the step's check. */
  private loss = NaN;
  /** The running batch's NaN guard, which the step's check calls. */
  private checkLoss: ((loss: number) => void) | undefined;

  constructor(
    private readonly model: StepModel,
    private readonly c: Compiled,
    private readonly data: TrainingSet,
  ) {
    const key = modelKey(model, c);
    this.step = compileStep(
      (indices: Tensor) => {
        const [x, y, sw] = [gather(data.x, indices), gather(data.y, indices), data.sw && gather(data.sw, indices)];
        let yPred: Tensor | undefined;
        const forward = (): Tensor => {
          // kept past the gradient call (which frees its intermediates) for the metrics
          yPred = keep(model.apply(x, { training: true }));
          return totalLoss(model, c, y, yPred, sw);
        };
        const vars = model.trainableWeights;
        const { value, grads } = valueAndGrads(forward, vars);
        try {
          // a check of the program: every replay reads the loss here, before the update
          checkedRead(value.storage, (d) => this.onLoss(d[0]!));
        } catch (e) {
          yPred!.dispose();
          throw e;
        }
        c.optimizer.applyGradients(vars.map((variable, i) => ({ variable, grad: grads[i] as Tensor })));
        // the batch's labels and weights are outputs too, for the metrics
        return [yPred!, y, ...(sw ? [sw] : [])];
      },
      { key, share: true },
    );
  }

  private onLoss(loss: number): void {
    this.loss = loss;
    this.checkLoss?.(loss);
  }

  /** As trainOnBatch on the batch `spec` of the training set: forward + backward, checkLoss on the loss, then the update; returns the loss. */
  train(spec: BatchSpec, checkLoss?: (loss: number) => void): number {
    const { data } = this;
    return tidy(() => {
      if (!trainsAnyWeight(this.model)) {
        const [x, y, sw] = [takeBatch(data.x, spec), takeBatch(data.y, spec), data.sw && takeBatch(data.sw, spec)];
        return trainOnBatch(this.model, this.c, x, y, sw, checkLoss);
      }
      this.checkLoss = checkLoss;
      this.loss = NaN;
      const outs = this.step.run([batchIndices(spec)]);
      const [yPred, y] = outs as [Tensor, Tensor];
      try {
        updateMetrics(this.c.trainMetrics, y, yPred, data.sw ? outs[2] : undefined);
        return this.loss;
      } finally {
        // an eager call's predictions were kept past its gradient call
        yPred.dispose();
      }
    });
  }

  /** How the last batch ran (for tests): "eager", "recorded" or "replayed". */
  get mode(): string {
    return this.step.mode;
  }

  dispose(): void {
    this.step.dispose();
  }
}

/** The sample indices of a batch as an int32 tensor (a contiguous batch's as a range). */
function batchIndices(spec: BatchSpec): Tensor {
  let indices = spec.indices;
  if (!indices) {
    indices = new Int32Array(spec.size);
    for (let i = 0; i < spec.size; i++) indices[i] = spec.start + i;
  }
  return makeTensor([indices.length], "int32", indices);
}

/** Evaluation batches through a captured step (loss and predictions; metrics eagerly). */
export class CapturedEvaluation {
  private readonly step: CompiledStep<Tensor[]>;

  constructor(
    model: StepModel,
    private readonly c: Compiled,
  ) {
    this.step = compileStep(
      (x: Tensor, y: Tensor, sw?: Tensor) =>
        noGrad(() => {
          const yPred = model.apply(x, { training: false });
          return [totalLoss(model, c, y, yPred, sw), yPred];
        }),
      { key: modelKey(model, c), share: true },
    );
  }

  /** As testOnBatch. */
  test(metrics: readonly Metric[], x: Tensor, y: Tensor, sw: Tensor | undefined): number {
    return tidy(() => {
      const [loss, yPred] = this.step.run(feeds(x, y, sw));
      updateMetrics(metrics, y, yPred!, sw);
      return loss!.item();
    });
  }

  dispose(): void {
    this.step.dispose();
  }
}

/** Prediction batches through a captured step. */
export function capturedPredict(model: StepModel): CompiledStep<Tensor> {
  return compileStep((x: Tensor) => noGrad(() => model.apply(x, { training: false })), {
    key: modelKey(model),
  });
}
