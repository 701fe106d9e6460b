import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
let error: unknown;
try {
  bp.tensor([1, 2]).reshape([3]);
} catch (e) {
  error = e;
}
error instanceof bp.BackpropError;   // => true
}
