import * as bp from "../../src/index.js";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
export async function example(): Promise<void> {
const dir = mkdtempSync(join(tmpdir(), "bp-"));
const checkpoint = new bp.callbacks.ModelCheckpoint({ filepath: join(dir, "epoch-{epoch:02d}"), monitor: "loss" });
const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [2] })]);
model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
await model.fit(bp.ones([8, 2]), bp.ones([8, 1]), { epochs: 2, verbose: 0, callbacks: [checkpoint] });
checkpoint.saved.length;   // => 2
existsSync(join(dir, "epoch-02"));   // => true
}
