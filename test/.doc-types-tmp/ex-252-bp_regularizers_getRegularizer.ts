import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.regularizers.getRegularizer("l2")!.getConfig();   // => { l2: 0.01 }
bp.regularizers.getRegularizer(null);   // => null
}
