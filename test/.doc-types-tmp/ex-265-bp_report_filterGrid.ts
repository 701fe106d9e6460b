import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const conv = bp.layers.conv2d({ filters: 8, kernelSize: 5, inputShape: [28, 28, 1] });
conv.build([null, 28, 28, 1]);
const svg = bp.report.filterGrid(conv.weights[0]!, [28, 28, 1], conv.name);
svg?.startsWith("<svg");   // => true
bp.report.filterGrid(bp.ones([4, 8]), [4], "dense_1");   // => undefined
}
