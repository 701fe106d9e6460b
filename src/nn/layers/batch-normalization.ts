/**
 * Batch normalization (Keras): y = gamma · (x - mean) / √(var + epsilon) + beta over one feature
 * axis (default -1). Training uses the batch's biased mean and variance (gradients flow through
 * them) and moves movingMean / movingVariance by `moving = moving·momentum + batch·(1 - momentum)`;
 * inference uses the moving statistics. A frozen layer (trainable false) always runs in inference mode.
 *
 *   const bn = bp.layers.batchNormalization();
 *   bn.apply(x, { training: true });
 */
import { noGrad } from "../../autograd/tape.js";
import { ShapeError, ValueError } from "../../errors.js";
import { tidy } from "../../tensor/engine.js";
import type { Tensor, Variable } from "../../tensor/tensor.js";
import type { Initializer } from "../initializers.js";
import type { Regularizer } from "../regularizers.js";
import { Layer, registerLayer, type LayerArgs, type Shape } from "./layer.js";
import * as opt from "./options.js";

/**
 * Options of batchNormalization, as in TensorFlow.js: axis, momentum, epsilon, center, scale, initializers.
 *
 * @example
 * const args: bp.layers.BatchNormalizationArgs = { axis: -1, momentum: 0.9, center: true, scale: false };
 * bp.layers.batchNormalization(args).scale;   // => false
 */
export interface BatchNormalizationArgs extends LayerArgs {
  axis?: number;
  momentum?: number;
  epsilon?: number;
  center?: boolean;
  scale?: boolean;
  betaInitializer?: opt.InitializerSpec;
  gammaInitializer?: opt.InitializerSpec;
  movingMeanInitializer?: opt.InitializerSpec;
  movingVarianceInitializer?: opt.InitializerSpec;
  betaRegularizer?: opt.RegularizerSpec;
  gammaRegularizer?: opt.RegularizerSpec;
}

/**
 * Normalizes each feature with batch statistics while training and moving averages after.
 *
 * @example
 * const bn = new bp.layers.BatchNormalization();
 * const y = bn.apply(bp.tensor([[1], [3]]), { training: true });   // normalized with the batch's statistics
 * y.abs().sub(1).abs().max().item() < 0.01;   // => true
 */
export class BatchNormalization extends Layer {
  static override className = "BatchNormalization";
  readonly axis: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly center: boolean;
  readonly scale: boolean;
  readonly betaInitializer: Initializer;
  readonly gammaInitializer: Initializer;
  readonly movingMeanInitializer: Initializer;
  readonly movingVarianceInitializer: Initializer;
  readonly betaRegularizer: Regularizer | null;
  readonly gammaRegularizer: Regularizer | null;
  gamma?: Variable;
  beta?: Variable;
  movingMean?: Variable;
  movingVariance?: Variable;
  private featureAxis = -1;

  constructor(args: BatchNormalizationArgs = {}) {
    super(args);
    const l = this.label;
    args = opt.argsOf(args);
    const axis: unknown = args.axis ?? -1;
    if (!Number.isInteger(axis)) throw new ValueError(`${l}: axis must be an integer, got ${JSON.stringify(axis)}`);
    this.axis = axis as number;
    const momentum: unknown = args.momentum ?? 0.99;
    if (typeof momentum !== "number" || !(momentum >= 0 && momentum <= 1)) throw new ValueError(`${l}: momentum must be in [0, 1], got ${JSON.stringify(momentum)}`);
    this.momentum = momentum;
    this.epsilon = opt.positiveNumber(l, "epsilon", args.epsilon ?? 1e-3);
    this.center = opt.bool(l, "center", args.center, true);
    this.scale = opt.bool(l, "scale", args.scale, true);
    this.betaInitializer = opt.initializer(l, args.betaInitializer, "zeros");
    this.gammaInitializer = opt.initializer(l, args.gammaInitializer, "ones");
    this.movingMeanInitializer = opt.initializer(l, args.movingMeanInitializer, "zeros");
    this.movingVarianceInitializer = opt.initializer(l, args.movingVarianceInitializer, "ones");
    this.betaRegularizer = opt.regularizer(l, args.betaRegularizer);
    this.gammaRegularizer = opt.regularizer(l, args.gammaRegularizer);
  }

  override build(inputShape: Shape): void {
    const rank = inputShape.length;
    const a = this.axis < 0 ? this.axis + rank : this.axis;
    if (rank < 2 || a < 1 || a >= rank) {
      throw new ShapeError(`axis ${this.axis} must pick a feature axis (not the batch) of the input, got shape ${opt.fmtDims(inputShape)}`);
    }
    const c = inputShape[a];
    if (c === null || c === undefined) throw new ShapeError(`the size of axis ${this.axis} must be known, got shape ${opt.fmtDims(inputShape)}`);
    this.featureAxis = a;
    if (this.scale) this.gamma = this.addWeight("gamma", [c], this.gammaInitializer, { regularizer: this.gammaRegularizer });
    if (this.center) this.beta = this.addWeight("beta", [c], this.betaInitializer, { regularizer: this.betaRegularizer });
    this.movingMean = this.addWeight("movingMean", [c], this.movingMeanInitializer, { trainable: false });
    this.movingVariance = this.addWeight("movingVariance", [c], this.movingVarianceInitializer, { trainable: false });
    this.inputSpec = { ndim: rank, axes: { [a]: c } };
  }

  call(x: Tensor, kwargs: { training: boolean }): Tensor {
    const a = this.featureAxis;
    const reduce = x.shape.map((_, i) => i).filter((i) => i !== a);
    const bshape = x.shape.map((d, i) => (i === a ? d : 1));
    const param = (v: Tensor): Tensor => (a === x.rank - 1 ? v : v.reshape(bshape));
    let y: Tensor;
    if (kwargs.training && this.trainable) {
      if (x.size === 0) throw new ValueError(`training needs a non-empty batch, got input shape [${x.shape.join(",")}]`);
      const mean = x.mean(reduce, true);
      const centered = x.sub(mean);
      const variance = centered.square().mean(reduce, true);
      y = centered.div(variance.add(this.epsilon).sqrt());
      this.updateMoving(mean, variance);
    } else {
      y = x.sub(param(this.movingMean!)).div(param(this.movingVariance!).add(this.epsilon).sqrt());
    }
    if (this.gamma) y = y.mul(param(this.gamma));
    if (this.beta) y = y.add(param(this.beta));
    return y;
  }

  /** moving = moving·momentum + batch·(1 - momentum), outside the gradient. */
  private updateMoving(mean: Tensor, variance: Tensor): void {
    const m = this.momentum;
    tidy(() =>
      noGrad(() => {
        const c = [this.movingMean!.size];
        this.movingMean!.assign(this.movingMean!.mul(m).add(mean.stopGradient().reshape(c).mul(1 - m)));
        this.movingVariance!.assign(this.movingVariance!.mul(m).add(variance.stopGradient().reshape(c).mul(1 - m)));
      }),
    );
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return [...inputShape];
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      axis: this.axis,
      momentum: this.momentum,
      epsilon: this.epsilon,
      center: this.center,
      scale: this.scale,
      betaInitializer: opt.serializeInitializer(this.betaInitializer),
      gammaInitializer: opt.serializeInitializer(this.gammaInitializer),
      movingMeanInitializer: opt.serializeInitializer(this.movingMeanInitializer),
      movingVarianceInitializer: opt.serializeInitializer(this.movingVarianceInitializer),
      betaRegularizer: opt.serializeRegularizer(this.betaRegularizer),
      gammaRegularizer: opt.serializeRegularizer(this.gammaRegularizer),
    };
  }
}

/**
 * `bp.layers.batchNormalization({ momentum: 0.99, epsilon: 1e-3 })`.
 *
 * @example
 * const model = bp.sequential([
 *   bp.layers.dense({ units: 16, inputShape: [4], useBias: false }),
 *   bp.layers.batchNormalization({ momentum: 0.99, epsilon: 1e-3 }),
 *   bp.layers.activation({ activation: "relu" }),
 * ]);
 * model.predict(bp.ones([2, 4])).shape;   // => [2, 16]
 */
export function batchNormalization(args: BatchNormalizationArgs = {}): BatchNormalization {
  return new BatchNormalization(args);
}

registerLayer(BatchNormalization);
