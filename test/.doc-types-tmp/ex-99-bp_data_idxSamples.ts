import * as bp from "../../src/index.js";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
export async function example(): Promise<void> {
const dir = mkdtempSync(join(tmpdir(), "bp-"));
writeFileSync(join(dir, "images"), new Uint8Array([0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 2, 0, 255, 255, 0, 9, 9, 9, 9]));
writeFileSync(join(dir, "labels"), new Uint8Array([0, 0, 8, 1, 0, 0, 0, 2, 1, 0]));
const samples = bp.data.idxSamples(join(dir, "images"), join(dir, "labels"));
for await (const { x, y } of bp.data.batches(samples, { batchSize: 2, xShape: [2, 2, 1], numClasses: 2 })) {
  x.shape;   // => [2, 2, 2, 1]
  y;   // => [[0, 1], [1, 0]]
}
}
