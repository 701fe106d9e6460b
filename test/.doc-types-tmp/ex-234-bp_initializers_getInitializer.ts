import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.initializers.getInitializer("he_normal").className;   // => "HeNormal"
bp.initializers.getInitializer({ className: "Constant", config: { value: 2 } }).apply([1]);   // => [2]
}
