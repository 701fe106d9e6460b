import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.cast(bp.tensor([1.7, -2.2]), "int32");   // => [1, -2]
}
