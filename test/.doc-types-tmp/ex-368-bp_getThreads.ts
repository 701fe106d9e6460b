import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.setThreads(2);
bp.getThreads();   // 2 with the wasm backend (1 where shared memory is unavailable)
}
