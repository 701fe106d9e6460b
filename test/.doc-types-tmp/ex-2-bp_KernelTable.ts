import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
// a backend's kernels, one per primitive name: a missing kernel is a type error
const kernelCount = (table: bp.KernelTable<bp.Storage>) => Object.keys(table).length;
typeof kernelCount;   // => "function"
}
