import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const xTrain = bp.tensor([[1, 10], [3, 30]]);
const scaler = bp.data.standardScaler().fit(xTrain);   // fitted on the training set only
scaler.transform(bp.tensor([[2, 40]]));   // => [[0, 2]]
}
