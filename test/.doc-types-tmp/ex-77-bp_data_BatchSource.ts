import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
function* samples(): Generator<bp.data.Sample> {
  for (let i = 0; i < 6; i++) yield { x: [i, i + 1], y: i % 2 };
}
const source: bp.data.BatchSource = samples();
const shapes: number[][] = [];
for await (const b of bp.data.batches(source, { batchSize: 4, numClasses: 2 })) shapes.push(b.y!.shape);
shapes;   // => [[4, 2], [2, 2]]
}
