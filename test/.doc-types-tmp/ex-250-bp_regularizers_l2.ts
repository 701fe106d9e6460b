import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.regularizers.l2({ l2: 0.01 }).apply(bp.tensor([1, -2])).item();   // => 0.05
}
