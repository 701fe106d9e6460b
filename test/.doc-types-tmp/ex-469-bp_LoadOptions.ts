import * as bp from "../../src/index.js";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
export async function example(): Promise<void> {
const dir = join(mkdtempSync(join(tmpdir(), "bp-")), "model");
const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [2] })]);
model.compile({ optimizer: "adam", loss: "mse" });
await model.save(dir);
const options: bp.LoadOptions = { compile: false };   // weights and layers only
(await bp.loadModel(dir, options)).optimizer;   // => undefined
}
