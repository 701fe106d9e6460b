import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const dense = new bp.layers.Dense({ units: 3, kernelInitializer: "ones" });
dense.apply(bp.tensor([[1, 2]]));   // => [[3, 3, 3]]
dense.countParams();   // => 9
}
