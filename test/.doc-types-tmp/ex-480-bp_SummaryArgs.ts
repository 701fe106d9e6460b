import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const lines: string[] = [];
const args: bp.SummaryArgs = { printFn: (line) => lines.push(line) };
bp.sequential([bp.layers.dense({ units: 10, inputShape: [784] })]).summary(args);
lines.some((l) => l.includes("7,850"));   // => true
}
