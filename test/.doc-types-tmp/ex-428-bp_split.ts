import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const [head, tail] = bp.split(bp.arange(0, 5), [2, 3]);
head;   // => [0, 1]
tail;   // => [2, 3, 4]
}
