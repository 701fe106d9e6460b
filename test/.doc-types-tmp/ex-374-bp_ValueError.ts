import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
let error: unknown;
try {
  bp.setSeed(1.5);
} catch (e) {
  error = e;
}
error instanceof bp.ValueError;   // => true
}
