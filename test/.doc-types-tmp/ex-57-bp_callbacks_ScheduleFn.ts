import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const stepDown: bp.callbacks.ScheduleFn = (epoch, lr) => (epoch > 0 && epoch % 10 === 0 ? lr * 0.1 : lr);
stepDown(10, 0.01);   // => 0.001
}
