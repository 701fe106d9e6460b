import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.initializers.serializeInitializer(bp.initializers.constant({ value: 0.5 }));   // => { className: "Constant", config: { value: 0.5 } }
}
