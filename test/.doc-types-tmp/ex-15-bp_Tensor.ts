import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const a = bp.tensor([[1, 2], [3, 4]]);
[a.shape, a.rank, a.size, a.dtype];   // => [[2, 2], 2, 4, "float32"]
a.add(1).mul(2).sum().item();   // => 28
a.matmul(a.transpose());   // => [[5, 11], [11, 25]]
a.toArray();   // => [[1, 2], [3, 4]]
Array.from(a.dataSync());   // => [1, 2, 3, 4]
await a.array();   // => [[1, 2], [3, 4]]
a.print();   // Tensor(shape=[2,2], dtype=float32) and the values
}
