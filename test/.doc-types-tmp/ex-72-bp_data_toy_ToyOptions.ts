import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const options: bp.data.ToyOptions = { n: 100, noise: 0.2, seed: 7 };
bp.data.toy.xor(options).x.shape;   // => [100, 2]
}
