import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const args: bp.layers.ReshapeArgs = { targetShape: [2, 3] };
bp.layers.reshape(args).computeOutputShape([null, 6]);   // => [null, 2, 3]
}
