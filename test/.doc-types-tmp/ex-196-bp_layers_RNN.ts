import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const layers: bp.layers.RNN[] = [bp.layers.simpleRNN({ units: 4 }), bp.layers.lstm({ units: 4 }), bp.layers.gru({ units: 4 })];
layers.map((l) => l.apply(bp.ones([1, 5, 2])).shape);   // => [[1, 4], [1, 4], [1, 4]]
}
