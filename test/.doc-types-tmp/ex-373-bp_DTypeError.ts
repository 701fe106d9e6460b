import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const e = new bp.DTypeError("argmax: expected a float32 tensor, got int32");
e.name;   // => "DTypeError"
}
