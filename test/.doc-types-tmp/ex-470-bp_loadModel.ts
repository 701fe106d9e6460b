import * as bp from "../../src/index.js";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
export async function example(): Promise<void> {
const dir = mkdtempSync(join(tmpdir(), "bp-"));
const model = bp.sequential([bp.layers.dense({ units: 2, activation: "softmax", inputShape: [3] })]);
model.compile({ optimizer: "adam", loss: "categoricalCrossentropy" });
await model.save(join(dir, "model"));                    // backprop's own directory format
await model.save(join(dir, "model.safetensors"));        // or by extension: .onnx, .keras, tfjs with { format }
const restored = await bp.loadModel(join(dir, "model"));   // any supported format, recognised by content
restored.predict(bp.ones([1, 3]));   // => model.predict(bp.ones([1, 3])).toArray()
(await bp.loadModel(join(dir, "model.safetensors"))).countParams();   // => 8
}
