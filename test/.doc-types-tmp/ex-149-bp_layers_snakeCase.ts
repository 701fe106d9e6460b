import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.layers.snakeCase("BatchNormalization");   // => "batch_normalization"
bp.layers.snakeCase("SimpleRNN");   // => "simple_rnn"
}
