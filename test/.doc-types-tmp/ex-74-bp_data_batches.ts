import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const x = bp.arange(0, 10).reshape([5, 2]);
const y = bp.tensor([0, 1, 0, 1, 1]);
const sizes: number[] = [];
for await (const batch of bp.data.batches({ x, y }, { batchSize: 2, shuffle: true, seed: 1 })) {
  sizes.push(batch.x.shape[0]!);
}
sizes;   // => [2, 2, 1]
}
