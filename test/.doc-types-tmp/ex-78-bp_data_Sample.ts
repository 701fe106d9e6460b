import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const sample: bp.data.Sample = { x: new Float32Array(784), y: 3 };
const { value } = await bp.data.batches([sample], { batchSize: 1, xShape: [28, 28, 1], numClasses: 10 }).next();
value!.x.shape;   // => [1, 28, 28, 1]
value!.y!.shape;   // => [1, 10]
}
