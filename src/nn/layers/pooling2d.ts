/** The shared part of maxPooling2d and averagePooling2d: options, input check, output shape, config. */
import type { Pool2dOptions } from "../../ops/image.js";
import type { Tensor } from "../../tensor/tensor.js";
import { Layer, type LayerArgs, type Shape } from "./layer.js";
import * as opt from "./options.js";

/**
 * Options of the pooling layers: pool size, strides and padding.
 *
 * @example
 * const args: bp.layers.Pooling2DArgs = { poolSize: 2, padding: "same" };
 * bp.layers.averagePooling2d(args).apply(bp.ones([1, 5, 5, 1])).shape;   // => [1, 3, 3, 1]
 */
export interface Pooling2DArgs extends LayerArgs {
  /** Window size (default 2). */
  poolSize?: number | [number, number];
  /** Step (default poolSize). */
  strides?: number | [number, number] | null;
  padding?: "valid" | "same";
  /** Only "channelsLast" (NHWC). */
  dataFormat?: "channelsLast";
}

/**
 * The base class of the 2-D pooling layers.
 *
 * @example
 * const pool: bp.layers.Pooling2D = bp.layers.maxPooling2d({ poolSize: 3, strides: 1 });
 * [pool.poolSize, pool.strides];   // => [[3, 3], [1, 1]]
 */
export abstract class Pooling2D extends Layer {
  readonly poolSize: [number, number];
  readonly strides: [number, number];
  readonly padding: "valid" | "same";

  constructor(args: Pooling2DArgs = {}) {
    super(args);
    const l = this.label;
    args = opt.argsOf(args);
    this.poolSize = opt.pair(l, "poolSize", args.poolSize, [2, 2]);
    this.strides = opt.pair(l, "strides", args.strides, this.poolSize);
    this.padding = opt.padding(l, args.padding);
    opt.channelsLast(l, args.dataFormat);
  }

  override build(_inputShape: Shape): void {
    this.inputSpec = { ndim: 4, hint: "(NHWC: [batch, height, width, channels])" };
  }

  protected get poolOptions(): Pool2dOptions {
    return { poolSize: this.poolSize, strides: this.strides, padding: this.padding };
  }

  abstract override call(x: Tensor): Tensor;

  override computeOutputShape(inputShape: Shape): Shape {
    const [b, h, w, c] = inputShape;
    return [
      b ?? null,
      opt.convOutSize(h ?? null, this.poolSize[0], this.strides[0], this.padding),
      opt.convOutSize(w ?? null, this.poolSize[1], this.strides[1], this.padding),
      c ?? null,
    ];
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), poolSize: [...this.poolSize], strides: [...this.strides], padding: this.padding, dataFormat: "channelsLast" };
  }
}
