import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const specs: bp.layers.InitializerSpec[] = ["heNormal", bp.initializers.constant({ value: 0.1 }), { className: "Zeros", config: {} }];
specs.map((s) => bp.layers.dense({ units: 2, kernelInitializer: s }).apply(bp.ones([1, 3])).shape);   // => [[1, 2], [1, 2], [1, 2]]
}
