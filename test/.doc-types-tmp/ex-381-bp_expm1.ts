import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.expm1(bp.tensor([1e-10])).item();   // => 1e-10
}
