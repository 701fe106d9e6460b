import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const weights = bp.data.computeClassWeight([0, 0, 0, 1]);
weights[1];   // => 2
weights[0];   // => 0.6666667
}
