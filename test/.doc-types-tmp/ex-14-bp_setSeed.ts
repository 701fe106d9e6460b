import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.setSeed(42);
const a = bp.randn([3]).toArray();
bp.setSeed(42);
bp.randn([3]);   // => a
}
