import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const r = bp.metrics.classificationReport([0, 0, 1, 1], [0, 1, 1, 1]);
r.accuracy;   // => 0.75
r.perClass[1]!.precision;   // => 0.6666667
r.perClass[0]!.recall;   // => 0.5
r.macro.f1;   // => 0.7333333
}
