import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const cls: bp.layers.LayerClass = bp.layers.Dense;
cls.className;   // => "Dense"
}
