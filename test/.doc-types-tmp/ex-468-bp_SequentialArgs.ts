import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const args: bp.SequentialArgs = { name: "classifier", layers: [bp.layers.dense({ units: 3, inputShape: [4] })] };
bp.sequential(args).name;   // => "classifier"
}
