import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const y = bp.fused.conv2d({ x: bp.ones([1, 4, 4, 1]), filter: bp.ones([3, 3, 1, 2]), bias: bp.tensor([0, -20]), activation: "relu", padding: "valid" });
y.reshape([-1]);   // => [9, 0, 9, 0, 9, 0, 9, 0]
}
