import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const rows: bp.NestedArray = [[1, 2], [3, 4]];
bp.tensor(rows).shape;   // => [2, 2]
}
