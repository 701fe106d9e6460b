import * as bp from "../../src/index.js";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
export async function example(): Promise<void> {
const file = join(mkdtempSync(join(tmpdir(), "bp-")), "log.tsv");
const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [2] })]);
model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
await model.fit(bp.ones([8, 2]), bp.ones([8, 1]), { epochs: 2, verbose: 0, callbacks: [new bp.callbacks.CsvLogger({ filename: file, separator: "\t" })] });
readFileSync(file, "utf8").split("\n")[0];   // => "epoch\tloss\tlr"
}
