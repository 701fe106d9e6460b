/**
 * Dropout: while training, zeroes each element with probability `rate` and scales the rest by
 * 1 / (1 - rate) (inverted dropout), so inference needs no change. Seeded draws; without a seed each
 * call forks the global generator, so `bp.setSeed` makes training reproducible.
 *
 *   bp.layers.dropout({ rate: 0.5 }).apply(x, { training: true });
 */
import { ValueError } from "../../errors.js";
import { tensor } from "../../tensor/creation.js";
import { refreshWrite } from "../../tensor/capture.js";
import { Rng, rngFor } from "../../tensor/random.js";
import type { Tensor } from "../../tensor/tensor.js";
import { Layer, registerLayer, type LayerArgs, type Shape } from "./layer.js";
import * as opt from "./options.js";

/**
 * Options of dropout: the rate, the noise shape and the seed.
 *
 * @example
 * const args: bp.layers.DropoutArgs = { rate: 0.3, noiseShape: [null, 1, 8], seed: 7 };
 * bp.layers.dropout(args).apply(bp.ones([2, 5, 8]), { training: true }).shape;   // => [2, 5, 8]
 */
export interface DropoutArgs extends LayerArgs {
  /** Fraction of elements dropped, in [0, 1). */
  rate: number;
  /** Shape of the mask, broadcast over the input (null entries take the input's size), e.g. [null, 1, 64]. */
  noiseShape?: (number | null)[] | null;
  seed?: number | null;
}

/**
 * Zeroes a random share of its inputs while training (scaling the rest), and passes them through after.
 *
 * @example
 * const drop = new bp.layers.Dropout({ rate: 0.5, seed: 1 });
 * drop.apply(bp.ones([4])).toArray();   // => [1, 1, 1, 1]
 * const kept = drop.apply(bp.ones([1000]), { training: true });   // zeros, and survivors scaled by 2
 * kept.max().item();   // => 2
 */
export class Dropout extends Layer {
  static override className = "Dropout";
  readonly rate: number;
  readonly noiseShape: (number | null)[] | null;
  readonly seed: number | null;
  private readonly rng: Rng | undefined;

  constructor(args: DropoutArgs) {
    super(args);
    const l = this.label;
    args = opt.argsOf(args) as DropoutArgs;
    const rate: unknown = args.rate;
    if (typeof rate !== "number" || !(rate >= 0 && rate < 1)) throw new ValueError(`${l}: rate must be a number in [0, 1), got ${JSON.stringify(rate)}`);
    this.rate = rate;
    const ns: unknown = args.noiseShape ?? null;
    if (ns !== null && (!Array.isArray(ns) || ns.some((d) => d !== null && !(Number.isInteger(d) && (d as number) > 0)))) {
      throw new ValueError(`${l}: noiseShape must be an array of positive integers or null, got ${JSON.stringify(ns)}`);
    }
    this.noiseShape = ns === null ? null : [...(ns as (number | null)[])];
    const seed = args.seed ?? null;
    if (seed !== null && !Number.isInteger(seed)) throw new ValueError(`${l}: seed must be an integer, got ${JSON.stringify(seed)}`);
    this.seed = seed;
    this.rng = seed === null ? undefined : new Rng(seed);
  }

  override build(_inputShape: Shape): void {
    this.inputSpec = {};
  }

  call(x: Tensor, kwargs: { training: boolean }): Tensor {
    if (!kwargs.training || this.rate === 0) return x;
    const shape = this.maskShape(x.shape);
    const n = shape.reduce((a, b) => a * b, 1);
    const draw = (): Float64Array => {
      const rng = this.rng ?? rngFor();
      const keep = 1 / (1 - this.rate);
      const mask = new Float64Array(n);
      for (let i = 0; i < n; i++) mask[i] = rng.uniform() >= this.rate ? keep : 0;
      return mask;
    };
    const mask = tensor(draw(), shape, x.dtype === "float64" ? "float64" : "float32");
    // a captured training step draws a new mask, from the same generator, on each replay
    refreshWrite(mask.storage, draw);
    return x.mul(mask);
  }

  private maskShape(shape: readonly number[]): number[] {
    if (this.noiseShape === null) return [...shape];
    if (this.noiseShape.length !== shape.length) {
      throw new ValueError(`noiseShape ${opt.fmtDims(this.noiseShape)} must have the input's rank, got input shape ${opt.fmtDims([...shape])}`);
    }
    return this.noiseShape.map((d, i) => {
      if (d !== null && d !== 1 && d !== shape[i]) throw new ValueError(`noiseShape ${opt.fmtDims(this.noiseShape!)} does not broadcast to input shape ${opt.fmtDims([...shape])}`);
      return d ?? shape[i]!;
    });
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return [...inputShape];
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), rate: this.rate, noiseShape: this.noiseShape, seed: this.seed };
  }
}

/**
 * `bp.layers.dropout({ rate: 0.2 })`.
 *
 * @example
 * const model = bp.sequential([
 *   bp.layers.dense({ units: 64, activation: "relu", inputShape: [20] }),
 *   bp.layers.dropout({ rate: 0.2 }),
 *   bp.layers.dense({ units: 1 }),
 * ]);
 * model.predict(bp.ones([2, 20])).shape;   // => [2, 1]
 */
export function dropout(args: DropoutArgs): Dropout {
  return new Dropout(args);
}

registerLayer(Dropout);
