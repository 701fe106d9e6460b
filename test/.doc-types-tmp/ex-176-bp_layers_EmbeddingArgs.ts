import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const args: bp.layers.EmbeddingArgs = { inputDim: 100, outputDim: 8, embeddingsInitializer: "randomNormal" };
bp.layers.embedding(args).apply(bp.tensor([1, 2], undefined, "int32")).shape;   // => [2, 8]
}
