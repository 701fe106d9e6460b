/**
 * One playground run: data, model and optimizer from the settings, training by whole epochs with
 * `model.fit` (so `backprop train --config` replays it batch for batch), the views the page draws,
 * the NaN guard with its rollback, and the export. Runs in the worker; nothing here touches the DOM.
 */
import * as bp from "../../src/index.js";
import { featurize, generate, splitPoints, type Points, type Split } from "./data.js";
import { buildModel, buildOptimizer, head, type Head } from "./net.js";
import { gridPoints, unitMajor } from "./grid.js";
import { GRID, type DenseWeights, type NanReport } from "./protocol.js";
import { classCount, isRegression, settingsToHash, type Settings } from "./settings.js";

export interface Tensors {
  xTrain: bp.Tensor;
  yTrain: bp.Tensor;
  xTest: bp.Tensor;
  yTest: bp.Tensor;
  grid: bp.Tensor;
}

export class Trainer {
  readonly settings: Settings;
  readonly data: Split;
  readonly head: Head;
  readonly model: bp.Sequential;
  readonly blockEnds: number[];
  readonly classes: number;
  readonly stepsPerEpoch: number;
  /** The data as tensors (features and targets) and the grid the views are drawn on. */
  readonly t: Tensors;
  private readonly layerConfig: unknown;
  epoch = 0;
  steps = 0;
  tampered = false;
  trainLoss = NaN;
  testLoss = NaN;
  /** The epoch the losses belong to (−1: none yet). */
  private evaluated = -1;
  nan: NanReport | undefined;
  private snapshot: { epoch: number; weights: Float32Array[] } | undefined;

  constructor(settings: Settings, custom?: Points) {
    this.settings = settings;
    this.data = splitPoints(custom ?? generate(settings), settings.trainRatio, settings.seed);
    this.head = head(settings);
    this.classes = classCount(settings);
    const f = settings.features.length;
    const tensor = (p: Points): [bp.Tensor, bp.Tensor] => {
      const n = p.label.length;
      return [
        bp.tensor(featurize(p.xy, settings.features), [n, f]),
        bp.tensor(this.head.targets(p.label), [n, this.head.units]),
      ];
    };
    const [xTrain, yTrain] = tensor(this.data.train);
    const [xTest, yTest] = tensor(this.data.test);
    this.t = {
      xTrain,
      yTrain,
      xTest,
      yTest,
      grid: bp.tensor(featurize(gridPoints(), settings.features), [GRID * GRID, f]),
    };
    const built = buildModel(settings, f);
    this.model = built.model;
    this.blockEnds = built.blockEnds;
    this.stepsPerEpoch = Math.ceil(this.data.train.label.length / settings.batchSize);
    this.model.compile({ optimizer: buildOptimizer(settings, this.stepsPerEpoch), loss: this.head.loss });
    this.layerConfig = this.model.getConfig().layers;
    this.model.predict(this.t.xTest).dispose();
    this.evaluate();
    this.takeSnapshot();
  }

  dispose(): void {
    for (const t of Object.values(this.t)) t.dispose();
  }

  /** Trains n epochs (fewer if the loss stops being finite: then `nan` says where and training stops); `evaluate` false leaves the losses for `refresh`. */
  async train(n: number, evaluate = true): Promise<void> {
    if (this.nan) return;
    const s = this.settings;
    // the last finite weights are kept after every epoch, for the rollback
    const keep = { onEpochEnd: (): void => this.takeSnapshot(this.model.trainingEpoch) };
    try {
      await this.model.fit(this.t.xTrain, this.t.yTrain, {
        epochs: this.epoch + n,
        initialEpoch: this.epoch,
        batchSize: s.batchSize,
        seed: s.seed,
        shuffle: true,
        verbose: 0,
        callbacks: [keep],
      });
      this.epoch += n;
      this.steps += n * this.stepsPerEpoch;
    } catch (e) {
      if (!(e instanceof bp.ValueError) || !/loss became/.test(e.message)) throw e;
      this.epoch = this.model.trainingEpoch;
      this.guard();
      return;
    }
    if (evaluate) this.refresh();
  }

  /** The losses of the current weights (once per epoch reached), pausing with the NaN guard if they are not finite. */
  refresh(): void {
    if (this.evaluated === this.epoch || this.nan) return;
    this.evaluate();
    if (!Number.isFinite(this.trainLoss) || !Number.isFinite(this.testLoss)) this.guard();
  }

  /** Training and test loss over the whole sets, in inference mode. */
  evaluate(): void {
    this.evaluated = this.epoch;
    const n1 = this.data.train.label.length;
    const n2 = this.data.test.label.length;
    this.trainLoss = this.model.evaluate(this.t.xTrain, this.t.yTrain, { batchSize: n1 })["loss"] ?? NaN;
    this.testLoss =
      n2 > 0 ? (this.model.evaluate(this.t.xTest, this.t.yTest, { batchSize: n2 })["loss"] ?? NaN) : NaN;
  }

  /** Copies the weights as the rollback point, unless one of them is no longer finite. */
  private takeSnapshot(epoch = this.epoch): void {
    const weights = this.model.getWeights().map((w) => Float32Array.from(w.dataSync()));
    if (weights.every((w) => w.every(Number.isFinite))) this.snapshot = { epoch, weights };
  }

  /** The loss is no longer finite: find the layer that blew up and say what to try. */
  private guard(): void {
    let worst = { name: "", size: -1 };
    for (const layer of this.model.layers) {
      for (const w of layer.weights) {
        let m = 0;
        for (const v of w.dataSync()) m = Number.isFinite(v) ? Math.max(m, Math.abs(v)) : Infinity;
        if (m > worst.size) worst = { name: layer.name, size: m };
      }
    }
    const s = this.settings;
    const hint =
      s.learningRate >= 0.3
        ? `The learning rate ${s.learningRate} is too high for this network: try ${Math.max(0.001, s.learningRate / 30).toPrecision(1)} or lower.`
        : "Try a lower learning rate, an optimizer with adaptive steps (Adam), or less regularization.";
    const size = Number.isFinite(worst.size)
      ? `largest |weight| ${worst.size.toExponential(2)}`
      : "weights no longer finite";
    this.nan = {
      epoch: this.epoch,
      layer: worst.name,
      message: `Training paused at epoch ${this.epoch}: the loss stopped being finite. Layer "${worst.name}" blew up (${size}). ${hint}`,
      canRollback: this.snapshot !== undefined,
    };
  }

  /** Back to the last weights whose losses were finite (the epoch counter goes back with them). */
  rollback(): void {
    if (!this.snapshot) return;
    this.model.setWeights(
      this.snapshot.weights.map((w, i) => bp.tensor(w, this.model.getWeights()[i]?.shape)),
    );
    this.epoch = this.snapshot.epoch;
    this.model.trainingEpoch = this.epoch;
    this.nan = undefined;
    // fresh optimizer state: momentum and moments may hold the blow-up
    this.model.compile({
      optimizer: buildOptimizer(this.settings, this.stepsPerEpoch),
      loss: this.head.loss,
    });
    this.tampered = true;
    this.evaluate();
  }

  setLearningRate(value: number): void {
    this.model.setLearningRate(value);
    this.tampered = true;
  }

  /** Sets one weight (row −1: the bias) of dense layer `layer`. */
  setWeight(layer: number, row: number, col: number, value: number): void {
    const d = this.denseLayers()[layer];
    if (!d) return;
    const [kernel, bias] = d.weights;
    const v = row < 0 ? bias : kernel;
    if (!v) return;
    const data = Float32Array.from(v.dataSync());
    data[row < 0 ? col : row * (kernel?.shape[1] ?? 1) + col] = value;
    v.assign(bp.tensor(data, v.shape));
    this.tampered = true;
    this.evaluate();
  }

  denseLayers(): bp.layers.Layer[] {
    return this.model.layers.filter((l) => l.name.startsWith("hidden_") || l.name === "output");
  }

  weights(): DenseWeights[] {
    return this.denseLayers().map((l) => {
      const [k, b] = l.weights;
      return {
        name: l.name,
        inputs: k?.shape[0] ?? 0,
        units: k?.shape[1] ?? 0,
        kernel: Float32Array.from(k?.dataSync() ?? []),
        bias: Float32Array.from(b?.dataSync() ?? []),
      };
    });
  }

  /** Display values over the grid and each hidden neuron's output there. */
  views(): { heat: Float32Array; channels: number; neurons: Float32Array[] } {
    return bp.tidy(() =>
      bp.noGrad(() => {
        let x = this.t.grid;
        const neurons: Float32Array[] = [];
        this.model.layers.forEach((layer, i) => {
          x = layer.apply(x, { training: false });
          if (this.blockEnds.includes(i)) neurons.push(unitMajor(x.dataSync(), x.shape[1] ?? 1));
        });
        return { ...this.display(x), neurons };
      }),
    );
  }

  /** Outputs → display: binary [−1, 1] (class 1 positive), regression clipped to [−1, 1], several classes as probabilities. */
  private display(out: bp.Tensor): { heat: Float32Array; channels: number } {
    const h = this.head;
    if (h.units > 1)
      return {
        heat: Float32Array.from((h.activation === "softmax" ? out : bp.softmax(out)).dataSync()),
        channels: h.units,
      };
    const v = Float32Array.from(out.dataSync());
    const clip = (a: number): number => Math.max(-1, Math.min(1, a));
    return { heat: h.activation === "sigmoid" ? v.map((p) => 2 * p - 1) : v.map(clip), channels: 1 };
  }

  /** Predicted classes of a set (classification only). */
  private predicted(x: bp.Tensor): Int32Array {
    return bp.tidy(() => {
      const out = this.model.predict(x, { batchSize: x.shape[0] });
      if (this.head.units > 1) return Int32Array.from(bp.argmax(out, 1).dataSync());
      const thr = this.head.activation === "sigmoid" ? 0.5 : 0;
      return Int32Array.from(out.dataSync(), (v) => (v > thr ? 1 : 0));
    });
  }

  /** Accuracy on train and test and the test confusion matrix (undefined for regression). */
  metrics(): { trainAccuracy?: number; testAccuracy?: number; confusion?: number[][] } {
    if (isRegression(this.settings)) return {};
    const acc = (p: Points, pred: Int32Array): number =>
      p.label.length === 0 ? NaN : pred.filter((c, i) => c === p.label[i]).length / p.label.length;
    const trainPred = this.predicted(this.t.xTrain);
    const testPred = this.predicted(this.t.xTest);
    const k = this.classes;
    const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
    testPred.forEach((c, i) => {
      const row = confusion[this.data.test.label[i] as number];
      if (row) row[c] = (row[c] ?? 0) + 1;
    });
    return {
      trainAccuracy: acc(this.data.train, trainPred),
      testAccuracy: acc(this.data.test, testPred),
      confusion,
    };
  }

  /** The run as a file `backprop train --config` replays: layers (seeded initializers), optimizer, loss, data, epochs, and the weights reached. */
  exportRun(): string {
    const opt = this.model.optimizer;
    const ctor = opt?.constructor as unknown as { className?: string } | undefined;
    const f = this.settings.features.length;
    const rows = (t: bp.Tensor): number[] => Array.from(t.dataSync());
    return JSON.stringify({
      format: "backprop-playground-run",
      version: 1,
      url: `#${settingsToHash(this.settings)}`,
      reproducible: !this.tampered,
      model: { name: "playground", layers: this.layerConfig },
      compile: {
        optimizer: { className: ctor?.className ?? "SGD", config: opt?.getConfig() ?? {} },
        loss: this.head.loss,
      },
      fit: {
        epochs: this.epoch,
        batchSize: this.settings.batchSize,
        seed: this.settings.seed,
        shuffle: true,
      },
      data: {
        inputs: f,
        outputs: this.head.units,
        features: this.settings.features,
        xTrain: rows(this.t.xTrain),
        yTrain: rows(this.t.yTrain),
        xTest: rows(this.t.xTest),
        yTest: rows(this.t.yTest),
      },
      weights: this.model.weights.map((w) => ({
        name: w.name,
        shape: w.shape,
        values: Array.from(w.dataSync()),
      })),
    });
  }
}
