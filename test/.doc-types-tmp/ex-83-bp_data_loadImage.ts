import * as bp from "../../src/index.js";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
export async function example(): Promise<void> {
const file = join(mkdtempSync(join(tmpdir(), "bp-")), "digit.png");
writeFileSync(file, bp.data.encodePng(bp.rand([28, 28, 1], { seed: 1 })));
const img = await bp.data.loadImage(file, { channels: 1 });
img.shape;   // => [28, 28, 1]
}
