import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.data.MNIST_SPLIT;   // => { test: 2000, stratify: true, seed: 1 }
}
