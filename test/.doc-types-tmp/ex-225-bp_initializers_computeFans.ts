import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.initializers.computeFans([784, 128]);   // => { fanIn: 784, fanOut: 128 }
bp.initializers.computeFans([3, 3, 16, 32]);   // => { fanIn: 144, fanOut: 288 }
}
