import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.setThreads(2);   // kernels split their work over 2 threads
bp.matmul(bp.ones([64, 64]), bp.ones([64, 64])).shape;   // => [64, 64]
}
