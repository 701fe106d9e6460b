import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const args: bp.callbacks.CsvLoggerArgs = { filename: "runs/log.csv", separator: ";", append: true };
bp.callbacks.csvLogger(args).append;   // => true
}
