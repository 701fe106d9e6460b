import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const lr = bp.schedules.scheduleFromConfig({ schedule: "stepDecay", initialLearningRate: 1, dropEvery: 2, factor: 0.1 });
lr(2);   // => 0.1
}
