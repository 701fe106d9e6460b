import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const config: bp.regularizers.RegularizerConfig = { className: "L1L2", config: { l1: 0, l2: 0.001 } };
bp.regularizers.getRegularizer(config)!.apply(bp.tensor([10])).item();   // => 0.1
}
