import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
let error: unknown;
try {
  bp.data.decodePng(new Uint8Array([1, 2, 3]));
} catch (e) {
  error = e;
}
error instanceof bp.FormatError;   // => true
}
