import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.regularizers.serializeRegularizer(bp.regularizers.l1({ l1: 0.001 }));   // => { className: "L1", config: { l1: 0.001 } }
}
