/**
 * Fully connected recurrent layer: h_t = activation(x_t · kernel + h_{t-1} · recurrentKernel + bias).
 *
 *   bp.layers.simpleRNN({ units: 8, inputShape: [10, 3] }).apply(bp.ones([2, 10, 3]));   // shape [2, 8]
 */
import type { Tensor } from "../../tensor/tensor.js";
import { registerLayer } from "./layer.js";
import { RNN, type RNNArgs } from "./rnn.js";

/**
 * Options of simpleRNN (the recurrent options).
 *
 * @example
 * const args: bp.layers.SimpleRNNArgs = { units: 3, goBackwards: true };
 * bp.layers.simpleRNN(args).apply(bp.ones([1, 4, 2])).shape;   // => [1, 3]
 */
export type SimpleRNNArgs = RNNArgs;

/**
 * A fully connected recurrent layer: h = activation(x · W + h · U + b).
 *
 * @example
 * const rnn = new bp.layers.SimpleRNN({ units: 8 });   // h_t = tanh(x_t·W + h_{t-1}·U + b)
 * rnn.apply(bp.ones([2, 5, 3])).shape;   // => [2, 8]
 */
export class SimpleRNN extends RNN {
  static override className = "SimpleRNN";
  protected readonly gates = 1;

  call(x: Tensor): Tensor {
    const u = this.recurrentKernel!;
    return this.loop(x, this.bias ?? null, 1, (xt, [h]) => [this.activation(xt.add(h!.matmul(u)))]);
  }
}

/**
 * `bp.layers.simpleRNN({ units: 16, returnSequences: true })`.
 *
 * @example
 * const model = bp.sequential([bp.layers.simpleRNN({ units: 16, inputShape: [12, 1] }), bp.layers.dense({ units: 1 })]);
 * model.predict(bp.ones([3, 12, 1])).shape;   // => [3, 1]
 */
export function simpleRNN(args: SimpleRNNArgs): SimpleRNN {
  return new SimpleRNN(args);
}

registerLayer(SimpleRNN);
