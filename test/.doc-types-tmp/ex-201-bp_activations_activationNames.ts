import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.activations.activationNames().includes("gelu");   // => true
}
