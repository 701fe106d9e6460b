import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.report.VAL_COLOR;   // => "#e8710a"
}
