import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const { train }: { train: bp.data.Subset } = bp.data.split(bp.ones([10, 3]), bp.ones([10, 1]), { test: 0.3, stratify: false, seed: 1 });
train.x.shape;   // => [7, 3]
}
