import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const attrs = bp.convAttrs("conv2d", bp.ones([1, 28, 28, 1]), bp.ones([5, 5, 1, 8]), { strides: 1, padding: "valid" });
attrs.strides;   // => [1, 1]
}
