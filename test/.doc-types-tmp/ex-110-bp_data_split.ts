import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const x = bp.arange(0, 20).reshape([10, 2]);
const y = bp.tensor([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
const { train, validation, test } = bp.data.split(x, y, { validation: 0.2, test: 0.2, seed: 1 });
[train.x.shape[0], validation.x.shape[0], test.x.shape[0]];   // => [6, 2, 2]
test.y!.sum().item();   // => 1
}
