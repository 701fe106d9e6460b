import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const w = bp.variable(bp.zeros([3, 1]), { name: "w" });
w.assign(bp.ones([3, 1]));
w.sum().item();   // => 3
}
