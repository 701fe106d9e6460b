/**
 * Gated recurrent unit (Keras layout): kernel [in, 3u], recurrentKernel [u, 3u], gate blocks z, r, h.
 * resetAfter true (Keras 3 default): bias [2, 3u] (row 0 input, row 1 recurrent),
 *   z = σ(x_z + h·U_z + b_z), r = σ(x_r + h·U_r + b_r), n = tanh(x_h + r·(h·U_h + b_rh));
 * resetAfter false: bias [3u], n = tanh(x_h + (r·h)·U_h). Then h_t = z·h + (1 - z)·n.
 *
 *   bp.layers.gru({ units: 16, inputShape: [10, 4] });
 */
import type { Tensor } from "../../tensor/tensor.js";
import type { ActivationFn } from "../activations.js";
import { registerLayer } from "./layer.js";
import * as opt from "./options.js";
import { RNN, type RNNArgs } from "./rnn.js";

/**
 * Options of gru: the recurrent options and resetAfter.
 *
 * @example
 * const args: bp.layers.GRUArgs = { units: 4, resetAfter: false, recurrentActivation: "hardSigmoid" };
 * bp.layers.gru(args).apply(bp.ones([1, 6, 2])).shape;   // => [1, 4]
 */
export interface GRUArgs extends RNNArgs {
  /** Gate activation (default "sigmoid", as in Keras). */
  recurrentActivation?: opt.ActivationSpec;
  /** Apply the reset gate after the recurrent product (default true, Keras 3 / cuDNN convention). */
  resetAfter?: boolean;
}

/**
 * A gated recurrent unit layer (Keras's formulation, resetAfter by default).
 *
 * @example
 * const gru = new bp.layers.GRU({ units: 8 });
 * gru.apply(bp.ones([2, 5, 3])).shape;   // => [2, 8]
 */
export class GRU extends RNN {
  static override className = "GRU";
  protected readonly gates = 3;
  readonly recurrentActivation: ActivationFn;
  readonly resetAfter: boolean;

  constructor(args: GRUArgs) {
    super(args);
    args = opt.argsOf(args) as GRUArgs;
    this.recurrentActivation = opt.activation(this.label, args.recurrentActivation, "sigmoid");
    this.resetAfter = opt.bool(this.label, "resetAfter", args.resetAfter, true);
  }

  protected override biasShape(): number[] {
    return this.resetAfter ? [2, 3 * this.units] : [3 * this.units];
  }

  call(x: Tensor): Tensor {
    const rk = this.recurrentKernel!;
    const rec = this.recurrentActivation;
    const u = this.units;
    if (this.resetAfter) {
      const inputBias = this.bias ? this.bias.slice([0, 0], [1, 3 * u]).reshape([3 * u]) : null;
      const recurrentBias = this.bias ? this.bias.slice([1, 0], [1, 3 * u]).reshape([3 * u]) : null;
      return this.loop(x, inputBias, 1, (xt, [h]) => {
        let hu = h!.matmul(rk);
        if (recurrentBias) hu = hu.add(recurrentBias);
        const z = rec(this.block(xt, 0).add(this.block(hu, 0)));
        const r = rec(this.block(xt, 1).add(this.block(hu, 1)));
        const n = this.activation(this.block(xt, 2).add(r.mul(this.block(hu, 2))));
        return [z.mul(h!).add(z.neg().add(1).mul(n))];
      });
    }
    const uzr = rk.slice([0, 0], [u, 2 * u]);
    const uh = rk.slice([0, 2 * u], [u, u]);
    return this.loop(x, this.bias ?? null, 1, (xt, [h]) => {
      const hzr = h!.matmul(uzr);
      const z = rec(this.block(xt, 0).add(this.block(hzr, 0)));
      const r = rec(this.block(xt, 1).add(this.block(hzr, 1)));
      const n = this.activation(this.block(xt, 2).add(r.mul(h!).matmul(uh)));
      return [z.mul(h!).add(z.neg().add(1).mul(n))];
    });
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), recurrentActivation: opt.activationName(this.recurrentActivation), resetAfter: this.resetAfter };
  }
}

/**
 * `bp.layers.gru({ units: 16, resetAfter: true })`.
 *
 * @example
 * const layer = bp.layers.gru({ units: 16, returnSequences: true, inputShape: [10, 4] });
 * layer.apply(bp.ones([3, 10, 4])).shape;   // => [3, 10, 16]
 */
export function gru(args: GRUArgs): GRU {
  return new GRU(args);
}

registerLayer(GRU);
