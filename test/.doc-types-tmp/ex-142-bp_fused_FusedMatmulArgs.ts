import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const args: bp.fused.FusedMatmulArgs = { a: bp.ones([2, 3]), b: bp.ones([4, 3]), transposeB: true, bias: bp.ones([4]) };
bp.fused.matmul(args);   // => [[4, 4, 4, 4], [4, 4, 4, 4]]
}
