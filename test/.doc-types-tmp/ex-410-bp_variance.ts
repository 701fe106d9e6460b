import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.variance(bp.tensor([1, 2, 3, 4])).item();   // => 1.25
}
