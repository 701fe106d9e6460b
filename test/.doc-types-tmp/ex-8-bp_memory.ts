import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const before = bp.memory().numTensors;
bp.tidy(() => bp.ones([100]).mul(2).sum().item());
bp.memory().numTensors - before;   // => 0
}
