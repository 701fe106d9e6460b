/**
 * Feature scaling fitted on training data only, then applied unchanged to validation, test and new
 * inputs — as scikit-learn's StandardScaler and MinMaxScaler. Statistics are per feature: every
 * position after the sample axis (a column of [N, F], a pixel of [N, 28, 28, 1]).
 */
import { fmtShape, ShapeError, ValueError } from "../errors.js";
import { makeTensor, type Tensor } from "../tensor/tensor.js";

interface Affine {
  offset: Float64Array;
  scale: Float64Array;
  featureShape: number[];
}

function featureStats(op: string, x: Tensor): { rows: number; cols: number; data: ArrayLike<number> } {
  if (x.rank < 1 || x.shape[0] === 0) throw new ValueError(`${op}: fit needs at least one sample; got shape ${fmtShape(x.shape)}`);
  const data = x.dataSync();
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i] as number)) throw new ValueError(`${op}: fit got a non-finite value ${data[i]} at flat index ${i}`);
  }
  const rows = x.shape[0] as number;
  return { rows, cols: x.size / rows, data };
}

/** The shared transform machinery: y = (x - offset) / scale * mul + add. */
abstract class AffineScaler {
  protected fitted: Affine | undefined;
  protected abstract readonly op: string;
  protected outMul = 1;
  protected outAdd = 0;

  /** Learns the statistics from training data `x` ([N, ...features]). Returns this. */
  abstract fit(x: Tensor): this;

  protected require(what: string): Affine {
    if (!this.fitted) throw new ValueError(`${this.op}: ${what} used before fit; call fit(xTrain) first`);
    return this.fitted;
  }

  protected stats(x: Tensor): Affine {
    const f = this.require("transform");
    const feat = x.shape.slice(1);
    if (feat.length !== f.featureShape.length || feat.some((d, i) => d !== f.featureShape[i])) {
      throw new ShapeError(`${this.op}: x has features of shape ${fmtShape(feat)} but the scaler was fitted on ${fmtShape(f.featureShape)}`);
    }
    return f;
  }

  private apply(x: Tensor, inverse: boolean): Tensor {
    const f = this.stats(x);
    const src = x.dataSync();
    const cols = f.offset.length;
    const out = new Float32Array(src.length);
    for (let i = 0; i < src.length; i++) {
      const c = i % cols;
      const v = src[i] as number;
      out[i] = inverse
        ? ((v - this.outAdd) / this.outMul) * (f.scale[c] as number) + (f.offset[c] as number)
        : ((v - (f.offset[c] as number)) / (f.scale[c] as number)) * this.outMul + this.outAdd;
    }
    return makeTensor(x.shape, "float32", out);
  }

  /** Scales x with the fitted statistics. */
  transform(x: Tensor): Tensor {
    return this.apply(x, false);
  }

  /** fit(x) then transform(x). */
  fitTransform(x: Tensor): Tensor {
    return this.fit(x).transform(x);
  }

  /** Undoes transform: back to the original units. */
  inverseTransform(x: Tensor): Tensor {
    return this.apply(x, true);
  }
}

/**
 * Standardizes features to zero mean and unit variance (population std, as scikit-learn); a
 * feature that never varies keeps scale 1, so it becomes 0 instead of NaN.
 *
 * @example
 * const scaler = new bp.data.StandardScaler().fit(bp.tensor([[1, 10], [3, 30]]));
 * scaler.mean;   // => [2, 20]
 * scaler.transform(bp.tensor([[3, 10]]));   // => [[1, -1]]
 */
export class StandardScaler extends AffineScaler {
  protected readonly op = "standardScaler";
  constructor(private readonly options: { withMean?: boolean; withStd?: boolean } = {}) {
    super();
  }

  /**
   * Learns each feature's mean and standard deviation from the training data; returns the scaler.
   *
   * @example
   * const scaler = bp.data.standardScaler().fit(bp.tensor([[0], [2]]));
   * scaler.transform(bp.tensor([[4]]));   // => [[3]]
   */
  fit(x: Tensor): this {
    const { rows, cols, data } = featureStats(this.op, x);
    const mean = new Float64Array(cols);
    const m2 = new Float64Array(cols);
    for (let i = 0; i < data.length; i++) mean[i % cols]! += data[i] as number;
    for (let c = 0; c < cols; c++) mean[c]! /= rows;
    for (let i = 0; i < data.length; i++) m2[i % cols]! += ((data[i] as number) - (mean[i % cols] as number)) ** 2;
    const scale = m2.map((s) => {
      const std = Math.sqrt(s / rows);
      return this.options.withStd === false || std < 1e-12 ? 1 : std;
    });
    if (this.options.withMean === false) mean.fill(0);
    this.fitted = { offset: mean, scale, featureShape: x.shape.slice(1) };
    return this;
  }

  /**
   * Per-feature mean (zeros with withMean: false), shaped like one sample.
   *
   * @example
   * bp.data.standardScaler().fit(bp.tensor([[1, 10], [3, 30]])).mean;   // => [2, 20]
   */
  get mean(): Tensor {
    const f = this.require("mean");
    return makeTensor(f.featureShape, "float32", f.offset);
  }

  /**
   * Per-feature standard deviation used to divide (1 for constant features).
   *
   * @example
   * bp.data.standardScaler().fit(bp.tensor([[1, 10], [3, 30]])).scale;   // => [1, 10]
   */
  get scale(): Tensor {
    const f = this.require("scale");
    return makeTensor(f.featureShape, "float32", f.scale);
  }
}

/**
 * Rescales each feature to `featureRange` (default [0, 1]) using the training min and max; a
 * constant feature maps to the range's low end.
 *
 * @example
 * const xTrain = bp.tensor([[0, 10], [5, 20]]);
 * const scaler = new bp.data.MinMaxScaler({ featureRange: [-1, 1] }).fit(xTrain);
 * scaler.transform(bp.tensor([[5, 15]]));   // => [[1, 0]]
 */
export class MinMaxScaler extends AffineScaler {
  protected readonly op = "minMaxScaler";
  constructor(options: { featureRange?: [number, number] } = {}) {
    super();
    const [lo, hi] = options.featureRange ?? [0, 1];
    if (!(Number.isFinite(lo) && Number.isFinite(hi) && hi > lo)) {
      throw new ValueError(`minMaxScaler: featureRange must be [low, high] with low < high, got [${lo}, ${hi}]`);
    }
    this.outMul = hi - lo;
    this.outAdd = lo;
  }

  /**
   * Learns each feature's minimum and maximum from the training data; returns the scaler.
   *
   * @example
   * const scaler = bp.data.minMaxScaler().fit(bp.tensor([[0, 10], [4, 30]]));
   * scaler.transform(bp.tensor([[2, 20]]));   // => [[0.5, 0.5]]
   */
  fit(x: Tensor): this {
    const { cols, data } = featureStats(this.op, x);
    const min = new Float64Array(cols).fill(Infinity);
    const max = new Float64Array(cols).fill(-Infinity);
    for (let i = 0; i < data.length; i++) {
      const c = i % cols;
      const v = data[i] as number;
      if (v < (min[c] as number)) min[c] = v;
      if (v > (max[c] as number)) max[c] = v;
    }
    const scale = max.map((m, c) => (m - (min[c] as number) > 0 ? m - (min[c] as number) : 1));
    this.fitted = { offset: min, scale, featureShape: x.shape.slice(1) };
    return this;
  }
}

/**
 * A StandardScaler (see the class).
 *
 * @example
 * const xTrain = bp.tensor([[1, 10], [3, 30]]);
 * const scaler = bp.data.standardScaler().fit(xTrain);   // fitted on the training set only
 * scaler.transform(bp.tensor([[2, 40]]));   // => [[0, 2]]
 */
export function standardScaler(options: { withMean?: boolean; withStd?: boolean } = {}): StandardScaler {
  return new StandardScaler(options);
}

/**
 * A MinMaxScaler (see the class).
 *
 * @example
 * const scaler = bp.data.minMaxScaler().fit(bp.tensor([[0, 100], [10, 300]]));
 * scaler.transform(bp.tensor([[5, 200]]));   // => [[0.5, 0.5]]
 * scaler.inverseTransform(bp.tensor([[1, 0]]));   // => [[10, 100]]
 */
export function minMaxScaler(options: { featureRange?: [number, number] } = {}): MinMaxScaler {
  return new MinMaxScaler(options);
}
