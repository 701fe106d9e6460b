import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.linspace(0, 1, 5);   // => [0, 0.25, 0.5, 0.75, 1]
}
