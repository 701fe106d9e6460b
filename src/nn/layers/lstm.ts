/**
 * Long short-term memory (Keras layout): kernel [in, 4u], recurrentKernel [u, 4u], bias [4u], gate
 * blocks i, f, c, o. With z = x_t·kernel + h·recurrentKernel + bias:
 *   i = σ(z_i), f = σ(z_f), g = tanh(z_c), o = σ(z_o); c_t = f·c + i·g; h_t = o·tanh(c_t)
 * (σ = recurrentActivation, default sigmoid; tanh = activation). unitForgetBias (default true)
 * starts the forget-gate bias at 1.
 *
 *   bp.layers.lstm({ units: 32, returnSequences: true, inputShape: [20, 8] });
 */
import { concat } from "../../ops/shape-ops.js";
import type { Tensor } from "../../tensor/tensor.js";
import type { ActivationFn } from "../activations.js";
import { ones, type Initializer } from "../initializers.js";
import { registerLayer } from "./layer.js";
import * as opt from "./options.js";
import { RNN, type RNNArgs } from "./rnn.js";

/**
 * Options of lstm: the recurrent options and unitForgetBias.
 *
 * @example
 * const args: bp.layers.LSTMArgs = { units: 8, unitForgetBias: true, goBackwards: true };
 * bp.layers.lstm(args).apply(bp.ones([1, 3, 2])).shape;   // => [1, 8]
 */
export interface LSTMArgs extends RNNArgs {
  /** Gate activation (default "sigmoid", as in Keras). */
  recurrentActivation?: opt.ActivationSpec;
  /** Initialize the forget-gate bias to 1 (default true). */
  unitForgetBias?: boolean;
}

/**
 * A long short-term memory layer.
 *
 * @example
 * const lstm = new bp.layers.LSTM({ units: 8 });
 * lstm.apply(bp.ones([2, 5, 3])).shape;   // => [2, 8]
 * lstm.countParams();   // => 384
 */
export class LSTM extends RNN {
  static override className = "LSTM";
  protected readonly gates = 4;
  readonly recurrentActivation: ActivationFn;
  readonly unitForgetBias: boolean;

  constructor(args: LSTMArgs) {
    super(args);
    args = opt.argsOf(args) as LSTMArgs;
    this.recurrentActivation = opt.activation(this.label, args.recurrentActivation, "sigmoid");
    this.unitForgetBias = opt.bool(this.label, "unitForgetBias", args.unitForgetBias, true);
  }

  /** Keras: [biasInitializer(u), ones(u), biasInitializer(2u)] when unitForgetBias. */
  protected override biasInitializerFor(): Initializer {
    if (!this.unitForgetBias) return this.biasInitializer;
    const base = this.biasInitializer;
    const u = this.units;
    return {
      className: base.className,
      getConfig: () => base.getConfig(),
      apply: (_shape, dtype) => concat([base.apply([u], dtype), ones().apply([u], dtype), base.apply([2 * u], dtype)]),
    };
  }

  call(x: Tensor): Tensor {
    const rk = this.recurrentKernel!;
    const rec = this.recurrentActivation;
    return this.loop(x, this.bias ?? null, 2, (xt, [h, c]) => {
      const z = xt.add(h!.matmul(rk));
      const i = rec(this.block(z, 0));
      const f = rec(this.block(z, 1));
      const g = this.activation(this.block(z, 2));
      const o = rec(this.block(z, 3));
      const cNext = f.mul(c!).add(i.mul(g));
      return [o.mul(this.activation(cNext)), cNext];
    });
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), recurrentActivation: opt.activationName(this.recurrentActivation), unitForgetBias: this.unitForgetBias };
  }
}

/**
 * `bp.layers.lstm({ units: 32 })`.
 *
 * @example
 * const model = bp.sequential([
 *   bp.layers.lstm({ units: 32, inputShape: [20, 1] }),
 *   bp.layers.dense({ units: 1 }),
 * ]);
 * model.predict(bp.ones([4, 20, 1])).shape;   // => [4, 1]
 */
export function lstm(args: LSTMArgs): LSTM {
  return new LSTM(args);
}

registerLayer(LSTM);
