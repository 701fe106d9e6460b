import * as bp from "../../src/index.js";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
export async function example(): Promise<void> {
const format: bp.ModelFormat = "tfjs";
const dir = join(mkdtempSync(join(tmpdir(), "bp-")), "web-model");
const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [2] })]);
await model.save(dir, { format });   // model.json + weights, loadable by tf.loadLayersModel
(await bp.loadModel(dir)).countParams();   // => 3
}
