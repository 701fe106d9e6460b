import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const config: bp.schedules.ScheduleConfig = bp.schedules.cosineDecay({ initialLearningRate: 0.01, decaySteps: 10 }).getConfig();
config.schedule;   // => "cosineDecay"
}
