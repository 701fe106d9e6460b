/** A stand-in for the model in callback tests: weights are plain tensors, saves are recorded. */
import * as bp from "../../src/index.js";
import type { CallbackModel } from "../../src/model/callbacks/index.js";

export class FakeModel implements CallbackModel {
  stopTraining = false;
  lr = 0.1;
  weights: bp.Tensor[] = [bp.tensor([0])];
  saves: string[] = [];
  getWeights(): bp.Tensor[] {
    return this.weights.map((w) => bp.tensor(w));
  }
  setWeights(ws: readonly bp.Tensor[]): void {
    this.weights = ws.map((w) => bp.tensor(w));
  }
  save(dir: string): Promise<void> {
    this.saves.push(dir);
    return Promise.resolve();
  }
  getLearningRate(): number {
    return this.lr;
  }
  setLearningRate(lr: number): void {
    this.lr = lr;
  }
}

/**
 * Drives callbacks through epochs as fit does: the model's single weight is set to the epoch number
 * before each epoch ends, so restored weights tell which epoch they came from.
 * Returns the epochs run.
 */
export async function drive(
  cbs: bp.callbacks.Callback[],
  model: FakeModel,
  series: Record<string, number>[],
): Promise<number[]> {
  const list = new bp.callbacks.CallbackList(cbs, model, {
    epochs: series.length, initialEpoch: 0, steps: 1, samples: 1, batchSize: 1, verbose: 0, metrics: ["loss"],
  });
  const ran: number[] = [];
  model.stopTraining = false;
  await list.trainBegin({});
  for (let e = 0; e < series.length; e++) {
    await list.epochBegin(e, {});
    model.weights = [bp.tensor([e])];
    await list.epochEnd(e, { ...series[e] });
    ran.push(e);
    if (model.stopTraining) break;
  }
  await list.trainEnd({});
  return ran;
}
