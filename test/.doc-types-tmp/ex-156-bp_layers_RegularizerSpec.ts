import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const spec: bp.layers.RegularizerSpec = bp.regularizers.l2({ l2: 1e-4 });
const layer = bp.layers.dense({ units: 2, inputShape: [3], kernelRegularizer: spec });
layer.apply(bp.ones([1, 3]));
layer.regularizationLosses().length;   // => 1
}
