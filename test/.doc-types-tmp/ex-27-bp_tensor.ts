import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.tensor([[1, 2], [3, 4]]).shape;   // => [2, 2]
bp.tensor(new Float32Array(6), [2, 3]).shape;   // => [2, 3]
bp.tensor([1, 2], undefined, "int32").dtype;   // => "int32"
}
