import * as bp from "../../src/index.js";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
export async function example(): Promise<void> {
const dir = mkdtempSync(join(tmpdir(), "bp-"));
const { x, y } = bp.data.toy.gaussian({ n: 100, seed: 1 });
const model = bp.sequential([bp.layers.dense({ units: 1, activation: "sigmoid", inputShape: [2] })]);
model.compile({ optimizer: "adam", loss: "binaryCrossentropy" });
const best = bp.callbacks.modelCheckpoint({ filepath: join(dir, "best"), monitor: "val_loss", saveBestOnly: true });
await model.fit(x, y, { epochs: 3, validationSplit: 0.2, verbose: 0, callbacks: [best] });
const restored = await bp.loadModel(join(dir, "best"));
restored.countParams();   // => 3
}
