import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const e = new bp.MemoryError("zeros of shape [1073741824, 1024]: 4 TiB is more than the backend can hold");
e instanceof bp.BackpropError;   // => true
}
