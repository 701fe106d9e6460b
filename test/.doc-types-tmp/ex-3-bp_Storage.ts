import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const t = bp.zeros([2, 3]);
const storage: bp.Storage = t.storage;
storage.size;   // => 6
}
