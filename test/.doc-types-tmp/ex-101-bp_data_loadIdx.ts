import * as bp from "../../src/index.js";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
export async function example(): Promise<void> {
const dir = mkdtempSync(join(tmpdir(), "bp-"));
// two 2×2 images and their labels, as in train-images-idx3-ubyte.gz / train-labels-idx1-ubyte.gz
writeFileSync(join(dir, "images.gz"), gzipSync(new Uint8Array([0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 2, 0, 255, 255, 0, 255, 255, 255, 255])));
writeFileSync(join(dir, "labels.gz"), gzipSync(new Uint8Array([0, 0, 8, 1, 0, 0, 0, 2, 3, 1])));
const train = await bp.data.loadIdx(join(dir, "images.gz"), join(dir, "labels.gz"), { numClasses: 10 });
train.x.shape;   // => [2, 2, 2, 1]
train.labels;   // => [3, 1]
}
