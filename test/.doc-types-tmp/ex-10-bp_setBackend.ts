import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.setBackend("js");   // the reference backend
bp.tensor([1, 2]).add(1);   // => [2, 3]
bp.setBackend("wasm");
}
