import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.report.niceTicks(0.13, 0.97, 5);   // => { ticks: [0, 0.2, 0.4, 0.6, 0.8, 1], domain: [0, 1] }
}
