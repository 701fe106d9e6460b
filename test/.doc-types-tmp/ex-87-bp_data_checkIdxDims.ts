import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.data.checkIdxDims([60000, 28, 28], "train-images-idx3-ubyte");   // => 47040000
}
