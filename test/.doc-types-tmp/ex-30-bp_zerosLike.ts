import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.zerosLike(bp.tensor([1, 2, 3]));   // => [0, 0, 0]
}
