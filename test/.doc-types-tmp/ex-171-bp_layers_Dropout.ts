import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const drop = new bp.layers.Dropout({ rate: 0.5, seed: 1 });
drop.apply(bp.ones([4])).toArray();   // => [1, 1, 1, 1]
const kept = drop.apply(bp.ones([1000]), { training: true });   // zeros, and survivors scaled by 2
kept.max().item();   // => 2
}
