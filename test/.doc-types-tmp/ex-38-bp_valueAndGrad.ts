import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const { value, grad } = bp.valueAndGrad((x) => x.square().sum())(bp.tensor([3, 4]));
value.item();   // => 25
grad;   // => [6, 8]
}
