import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
let error: unknown;
try {
  bp.activations.getActivation("rellu");
} catch (e) {
  error = e;
}
error instanceof bp.NotFoundError;   // => true
}
