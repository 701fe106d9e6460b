import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.layers.registeredLayers().includes("Conv2D");   // => true
}
