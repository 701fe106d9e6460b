import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const rates: bp.optimizers.LearningRate[] = [0.01, bp.schedules.stepDecay({ initialLearningRate: 0.01, dropEvery: 100, factor: 0.5 }), (step) => 0.01 / (1 + step)];
rates.map((lr) => bp.optimizers.sgd({ learningRate: lr }).currentLearningRate());   // => [0.01, 0.01, 0.01]
}
