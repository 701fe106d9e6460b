import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const first: bp.data.Batch = (await bp.data.batches({ x: bp.ones([4, 3]) }, { batchSize: 4 }).next()).value!;
first.x.shape;   // => [4, 3]
first.y;   // => undefined
}
