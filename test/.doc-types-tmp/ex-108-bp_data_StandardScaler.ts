import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const scaler = new bp.data.StandardScaler().fit(bp.tensor([[1, 10], [3, 30]]));
scaler.mean;   // => [2, 20]
scaler.transform(bp.tensor([[3, 10]]));   // => [[1, -1]]
}
