import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const names: bp.LossName[] = ["meanSquaredError", "huber"];
names.map((n) => bp.losses.getLoss(n).name);   // => ["meanSquaredError", "huber"]
}
