import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const dtype: bp.DType = "int32";
bp.zeros([2], dtype).dtype;   // => "int32"
}
