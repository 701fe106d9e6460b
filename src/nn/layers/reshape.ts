/**
 * Reshapes every axis but the batch to `targetShape` (one entry may be -1, inferred).
 *
 *   bp.layers.reshape({ targetShape: [2, -1] }).apply(bp.ones([5, 6]));   // shape [5, 2, 3]
 */
import { ShapeError, ValueError } from "../../errors.js";
import type { Tensor } from "../../tensor/tensor.js";
import { Layer, registerLayer, type LayerArgs, type Shape } from "./layer.js";
import * as opt from "./options.js";

/**
 * Options of reshape: the target shape of a sample.
 *
 * @example
 * const args: bp.layers.ReshapeArgs = { targetShape: [2, 3] };
 * bp.layers.reshape(args).computeOutputShape([null, 6]);   // => [null, 2, 3]
 */
export interface ReshapeArgs extends LayerArgs {
  targetShape: number[];
}

/**
 * Reshapes each sample to a target shape (one entry may be -1).
 *
 * @example
 * new bp.layers.Reshape({ targetShape: [28, 28, 1] }).apply(bp.ones([2, 784])).shape;   // => [2, 28, 28, 1]
 */
export class Reshape extends Layer {
  static override className = "Reshape";
  readonly targetShape: number[];

  constructor(args: ReshapeArgs) {
    super(args);
    const t: unknown = opt.argsOf(args).targetShape;
    const ok = Array.isArray(t) && t.every((d) => d === -1 || (Number.isInteger(d) && (d as number) > 0)) && t.filter((d) => d === -1).length <= 1;
    if (!ok) throw new ValueError(`${this.label}: targetShape must be an array of positive integers with at most one -1, got ${JSON.stringify(t)}`);
    this.targetShape = [...(t as number[])];
  }

  override build(_inputShape: Shape): void {
    this.inputSpec = { minNdim: 1 };
  }

  /** The target with -1 resolved for `n` elements per sample; throws if they do not fit. */
  private resolve(n: number | null): Shape {
    const known = this.targetShape.reduce((a, d) => (d === -1 ? a : a * d), 1);
    const free = this.targetShape.includes(-1);
    if (n === null) return this.targetShape.map((d) => (d === -1 ? null : d));
    if (free ? n % known !== 0 : n !== known) {
      throw new ShapeError(`${this.label}: cannot reshape ${n} elements per sample into targetShape [${this.targetShape.join(",")}]`);
    }
    return this.targetShape.map((d) => (d === -1 ? n / known : d));
  }

  call(x: Tensor): Tensor {
    const per = x.shape.slice(1).reduce((a, b) => a * b, 1);
    return x.reshape([x.shape[0]!, ...(this.resolve(per) as number[])]);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return [inputShape[0] ?? null, ...this.resolve(opt.product(inputShape.slice(1)))];
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), targetShape: [...this.targetShape] };
  }
}

/**
 * `bp.layers.reshape({ targetShape: [28, 28, 1] })`.
 *
 * @example
 * bp.layers.reshape({ targetShape: [-1, 4] }).apply(bp.ones([3, 8])).shape;   // => [3, 2, 4]
 */
export function reshape(args: ReshapeArgs): Reshape {
  return new Reshape(args);
}

registerLayer(Reshape);
