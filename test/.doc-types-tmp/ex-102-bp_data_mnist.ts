import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const { xTrain, yTrain, xTest, yTest } = await bp.data.mnist();
xTrain.shape;   // => [8000, 28, 28, 1]
yTest.shape;   // => [2000, 10]
}
