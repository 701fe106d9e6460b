import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const options: bp.metrics.ScoreOptions = { threshold: 0.3 };
bp.metrics.precision(bp.tensor([1, 0]), bp.tensor([0.4, 0.2]), options).item();   // => 1
}
