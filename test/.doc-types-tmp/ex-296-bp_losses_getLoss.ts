import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const loss = bp.losses.getLoss("mse");
loss.name;   // => "meanSquaredError"
loss.perSample(bp.tensor([[1, 2], [0, 0]]), bp.tensor([[1, 0], [0, 2]]));   // => [2, 2]
}
