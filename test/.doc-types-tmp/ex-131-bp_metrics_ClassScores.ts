import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const scores: bp.metrics.ClassScores = bp.metrics.classificationReport([1, 1, 0], [1, 0, 0]).perClass[1]!;
scores;   // => { precision: 1, recall: 0.5, f1: 0.6666667, support: 2 }
}
