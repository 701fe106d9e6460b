import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.getBackend();   // "wasm" where WebAssembly SIMD is available, else "js"
bp.setBackend("js");
bp.getBackend();   // => "js"
}
