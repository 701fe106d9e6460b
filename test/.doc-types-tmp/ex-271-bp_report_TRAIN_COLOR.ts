import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.report.TRAIN_COLOR;   // => "#1f77b4"
}
