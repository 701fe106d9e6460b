import * as bp from "../../src/index.js";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
export async function example(): Promise<void> {
const dir = mkdtempSync(join(tmpdir(), "bp-"));
const options: bp.SaveOptions = { format: "safetensors", torchNames: true };   // PyTorch names, plus mlp.py
const model = bp.sequential([bp.layers.dense({ units: 4, activation: "relu", inputShape: [2] }), bp.layers.dense({ units: 1 })]);
await model.save(join(dir, "mlp.safetensors"), options);
existsSync(join(dir, "mlp.py"));   // => true
}
