import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
let kept!: bp.Tensor;
bp.tidy(() => {
  kept = bp.keep(bp.ones([2]).mul(3));   // survives the scope
});
kept;   // => [3, 3]
}
