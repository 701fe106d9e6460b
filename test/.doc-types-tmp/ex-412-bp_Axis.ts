import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const axis: bp.Axis = [0, 1];
bp.sum(bp.ones([2, 3, 4]), axis);   // => [6, 6, 6, 6]
}
