import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const options: bp.schedules.PiecewiseConstantDecayOptions = { boundaries: [10], values: [1, 0.1] };
bp.schedules.piecewiseConstantDecay(options)(11);   // => 0.1
}
