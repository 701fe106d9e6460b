import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const xTrain = bp.tensor([[0, 10], [5, 20]]);
const scaler = new bp.data.MinMaxScaler({ featureRange: [-1, 1] }).fit(xTrain);
scaler.transform(bp.tensor([[5, 15]]));   // => [[1, 0]]
}
