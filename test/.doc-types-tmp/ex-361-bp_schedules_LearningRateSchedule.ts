import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const lr: bp.schedules.LearningRateSchedule = bp.schedules.exponentialDecay({ initialLearningRate: 1, decaySteps: 1, decayRate: 0.9, staircase: true });
lr.scheduleName;   // => "exponentialDecay"
lr(2);   // => 0.81
}
