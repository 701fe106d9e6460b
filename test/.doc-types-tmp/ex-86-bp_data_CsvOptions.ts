import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const options: bp.data.CsvOptions = { header: false, delimiter: ";", label: 2 };
bp.data.parseCsv("1;2;0\n3;4;1\n", "rows.csv", options).columns;   // => ["column_0", "column_1"]
}
