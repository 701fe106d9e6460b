import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const options: bp.data.BatchOptions = { batchSize: 32, shuffle: true, seed: 1, dropRemainder: true };
let count = 0;
for await (const _ of bp.data.batches({ x: bp.ones([100, 2]) }, options)) count++;
count;   // => 3
}
