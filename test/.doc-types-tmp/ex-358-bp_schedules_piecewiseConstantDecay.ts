import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const lr = bp.schedules.piecewiseConstantDecay({ boundaries: [100, 200], values: [0.1, 0.01, 0.001] });
[lr(0), lr(150), lr(300)];   // => [0.1, 0.01, 0.001]
}
