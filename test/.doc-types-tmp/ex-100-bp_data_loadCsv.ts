import * as bp from "../../src/index.js";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
export async function example(): Promise<void> {
const file = join(mkdtempSync(join(tmpdir(), "bp-")), "iris.csv");
writeFileSync(file, "sepal_length,petal_length,species\n5.1,1.4,setosa\n7.0,4.7,versicolor\n6.3,6.0,virginica\n");
const { x, y, classes } = await bp.data.loadCsv(file, { label: "species" });
x.shape;   // => [3, 2]
y;   // => [0, 1, 2]
classes;   // => ["setosa", "versicolor", "virginica"]
}
