import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
let error: unknown;
try {
  bp.matmul(bp.ones([2, 3]), bp.ones([4, 5]));
} catch (e) {
  error = e;
}
error instanceof bp.ShapeError;   // => true
(error as Error).message;   // => "matmul: inner dimensions differ: [2,3] x [4,5]"
}
