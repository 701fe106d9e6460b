import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const embed = new bp.layers.Embedding({ inputDim: 1000, outputDim: 16 });
embed.apply(bp.tensor([[4, 20, 7]], undefined, "int32")).shape;   // => [1, 3, 16]
}
