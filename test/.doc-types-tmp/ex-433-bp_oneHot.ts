import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.oneHot([0, 2], 3);   // => [[1, 0, 0], [0, 0, 1]]
bp.oneHot(bp.tensor([1], undefined, "int32"), 2);   // => [[0, 1]]
}
