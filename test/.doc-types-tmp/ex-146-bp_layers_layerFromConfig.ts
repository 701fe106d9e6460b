import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const dense = bp.layers.dense({ units: 4, activation: "relu" });
const copy = bp.layers.layerFromConfig("Dense", dense.getConfig()) as bp.layers.Dense;
copy.units;   // => 4
}
