import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const init: bp.initializers.Initializer = bp.initializers.heNormal({ seed: 1 });
init.apply([784, 128]).shape;   // => [784, 128]
init.className;   // => "HeNormal"
}
