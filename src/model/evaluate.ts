/** The inference loops: evaluate (loss and metrics over a data set) and predict (outputs), batch by batch. */
import { noGrad } from "../autograd/tape.js";
import type { Metric } from "../metrics/index.js";
import { concat } from "../ops/shape-ops.js";
import { tidy } from "../tensor/engine.js";
import type { Tensor } from "../tensor/tensor.js";
import { takeBatch } from "./batching.js";
import type { Logs } from "./callbacks/callback.js";
import type { Compiled } from "./compile.js";
import type { Pacer } from "./pacer.js";
import { testOnBatch, type StepModel } from "./step.js";
import { capturedPredict, CapturedEvaluation } from "./captured-step.js";
import { getCapture } from "../tensor/compile-step.js";

/** Running mean of batch losses weighted by batch size, and the metrics' results, as logs. */
export class LossTracker {
  private sum = 0;
  private count = 0;

  add(loss: number, size: number): void {
    this.sum += loss * size;
    this.count += size;
  }

  get mean(): number {
    return this.count > 0 ? this.sum / this.count : NaN;
  }

  logs(metrics: readonly Metric[], prefix = ""): Logs {
    const out: Logs = { [`${prefix}loss`]: this.mean };
    for (const m of metrics) out[`${prefix}${m.name}`] = m.result();
    return out;
  }
}

/** Loss (regularization included) and metrics over all of x, y in batches of `batchSize`. */
export function evaluateData(model: StepModel, c: Compiled, metrics: readonly Metric[], x: Tensor, y: Tensor, sampleWeight: Tensor | undefined, batchSize: number): Logs {
  const captured = getCapture() ? new CapturedEvaluation(model, c) : undefined;
  try {
    const steps = evaluateSteps(model, c, metrics, x, y, sampleWeight, batchSize, captured);
    for (;;) {
      const r = steps.next();
      if (r.done) return r.value;
    }
  } finally {
    captured?.dispose();
  }
}

/** evaluateData that lets `pacer` yield to the event loop between batches (fit's validation). */
export async function evaluateDataPaced(
  model: StepModel, c: Compiled, metrics: readonly Metric[], x: Tensor, y: Tensor, sampleWeight: Tensor | undefined, batchSize: number, pacer: Pacer,
  captured?: CapturedEvaluation,
): Promise<Logs> {
  const steps = evaluateSteps(model, c, metrics, x, y, sampleWeight, batchSize, captured);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    const paced = pacer.pace();
    if (paced) await paced;
  }
}

/** The evaluation loop, pausing (yield) after each batch; returns the logs. */
function* evaluateSteps(
  model: StepModel, c: Compiled, metrics: readonly Metric[], x: Tensor, y: Tensor, sampleWeight: Tensor | undefined, batchSize: number,
  captured: CapturedEvaluation | undefined,
): Generator<void, Logs> {
  for (const m of metrics) m.reset();
  const tracker = new LossTracker();
  const n = x.shape[0] ?? 0;
  for (let start = 0; start < n; start += batchSize) {
    const spec = { start, size: Math.min(batchSize, n - start) };
    const loss = tidy(() => {
      const [xb, yb, swb] = [takeBatch(x, spec), takeBatch(y, spec), sampleWeight && takeBatch(sampleWeight, spec)];
      return captured ? captured.test(metrics, xb, yb, swb) : testOnBatch(model, c, metrics, xb, yb, swb);
    });
    tracker.add(loss, spec.size);
    yield;
  }
  return tracker.logs(metrics);
}

/** The model's outputs for every sample of x, computed in batches and joined. */
export function predictData(model: StepModel, x: Tensor, batchSize: number): Tensor {
  const n = x.shape[0] ?? 0;
  const parts: Tensor[] = [];
  const captured = getCapture() && n > batchSize ? capturedPredict(model) : undefined;
  try {
    for (let start = 0; start < n; start += batchSize) {
      const spec = { start, size: Math.min(batchSize, n - start) };
      parts.push(tidy(() => (captured ? captured(takeBatch(x, spec)) : noGrad(() => model.apply(takeBatch(x, spec), { training: false })))));
    }
    if (parts.length === 1) return parts[0] as Tensor;
    return concat(parts, 0);
  } finally {
    captured?.dispose();
    if (parts.length > 1) for (const p of parts) p.dispose();
  }
}
