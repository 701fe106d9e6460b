import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const lr = bp.schedules.stepDecay({ initialLearningRate: 0.1, dropEvery: 10, factor: 0.5 });
[lr(0), lr(9), lr(10), lr(25)];   // => [0.1, 0.1, 0.05, 0.025]
}
