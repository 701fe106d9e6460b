import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const rnn = new bp.layers.SimpleRNN({ units: 8 });   // h_t = tanh(x_t·W + h_{t-1}·U + b)
rnn.apply(bp.ones([2, 5, 3])).shape;   // => [2, 8]
}
