import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.optimizers.optimizerNames.includes("adamw");   // => true
}
