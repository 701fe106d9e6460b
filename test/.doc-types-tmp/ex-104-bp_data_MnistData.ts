import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const digits: bp.data.MnistData = await bp.data.mnist();
digits.xTest.shape;   // => [2000, 28, 28, 1]
}
