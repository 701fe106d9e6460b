import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.losses.lossNames.includes("multiclassHinge");   // => true
}
