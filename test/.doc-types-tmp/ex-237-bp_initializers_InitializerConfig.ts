import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const config: bp.initializers.InitializerConfig = { className: "RandomUniform", config: { minval: 0, maxval: 1, seed: 3 } };
bp.initializers.getInitializer(config).apply([2]).shape;   // => [2]
}
