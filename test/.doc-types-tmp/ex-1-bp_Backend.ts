import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
// a backend allocates storage and runs one kernel per primitive; bp.registerBackend adds one
const describeBackend = (be: bp.Backend) => `${be.name}: ${be.dtypes.join(", ")}, ${be.bytesInUse()} bytes in use`;
typeof describeBackend;   // => "function"
}
