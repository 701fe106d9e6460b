import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const { x, y, classes } = bp.data.parseCsv("a,b,label\n1,2,cat\n3,4,dog\n", "pets.csv", { label: "label" });
x;   // => [[1, 2], [3, 4]]
y;   // => [0, 1]
classes;   // => ["cat", "dog"]
}
