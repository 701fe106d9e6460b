import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const scaler = bp.data.minMaxScaler().fit(bp.tensor([[0, 100], [10, 300]]));
scaler.transform(bp.tensor([[5, 200]]));   // => [[0.5, 0.5]]
scaler.inverseTransform(bp.tensor([[1, 0]]));   // => [[10, 100]]
}
