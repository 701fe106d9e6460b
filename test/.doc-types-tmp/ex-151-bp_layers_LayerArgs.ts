import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const args: bp.layers.LayerArgs = { name: "features", inputShape: [784], trainable: false };
const layer = bp.layers.dense({ ...args, units: 10 });
[layer.name, layer.trainable];   // => ["features", false]
}
