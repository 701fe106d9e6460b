import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.checkGrad((x) => x.sigmoid().sum(), bp.randn([5], { seed: 1 }).cast("float64")).ok;   // => true
}
