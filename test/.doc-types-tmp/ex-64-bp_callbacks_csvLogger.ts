import * as bp from "../../src/index.js";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
export async function example(): Promise<void> {
const file = join(mkdtempSync(join(tmpdir(), "bp-")), "training.csv");
const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [2] })]);
model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
await model.fit(bp.ones([8, 2]), bp.ones([8, 1]), { epochs: 3, verbose: 0, callbacks: [bp.callbacks.csvLogger({ filename: file })] });
readFileSync(file, "utf8").trim().split("\n").length;   // => 4
}
