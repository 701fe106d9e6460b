import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const args: bp.initializers.SeedArgs = { seed: 42 };
const a = bp.initializers.glorotUniform(args).apply([2, 2]).toArray();
bp.initializers.glorotUniform(args).apply([2, 2]);   // => a
}
