import * as bp from "../../src/index.js";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
export async function example(): Promise<void> {
const file = join(mkdtempSync(join(tmpdir(), "bp-")), "weights.safetensors");
const make = () => bp.sequential([bp.layers.dense({ units: 2, inputShape: [3], name: "hidden" })]);   // matched by weight name
const trained = make();
await trained.save(file);
const fresh = make();
await bp.loadWeights(fresh, file);
fresh.predict(bp.ones([1, 3]));   // => trained.predict(bp.ones([1, 3])).toArray()
}
