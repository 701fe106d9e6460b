import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const data: bp.data.CsvDataset = bp.data.parseCsv("height,weight\n1.8,80\n1.6,55\n", "people.csv", { label: "weight" });
data.columns;   // => ["height"]
data.y;   // => [80, 55]
}
