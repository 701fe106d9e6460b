/**
 * File loaders. The file system is reached through dynamic imports of ./node/*, so this module (and
 * the package's entry point) bundles for browsers; in a browser, parse fetched bytes with
 * parseIdx / parseCsv instead.
 */
import type { Sample } from "./batches.js";
import { parseCsv, type CsvDataset, type CsvOptions } from "./csv.js";
import type { IdxDataset } from "./idx.js";

/**
 * Loads MNIST-style IDX files (gzipped or not): `x` [N, rows, cols, 1] in [0, 1], `y` one-hot,
 * `labels` int32. Wrong magic numbers, truncation and disagreeing counts throw FormatError naming
 * the file; a missing file throws NotFoundError.
 *
 * @example
 * import { mkdtempSync, writeFileSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import { join } from "node:path";
 * import { gzipSync } from "node:zlib";
 * const dir = mkdtempSync(join(tmpdir(), "bp-"));
 * // two 2×2 images and their labels, as in train-images-idx3-ubyte.gz / train-labels-idx1-ubyte.gz
 * writeFileSync(join(dir, "images.gz"), gzipSync(new Uint8Array([0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 2, 0, 255, 255, 0, 255, 255, 255, 255])));
 * writeFileSync(join(dir, "labels.gz"), gzipSync(new Uint8Array([0, 0, 8, 1, 0, 0, 0, 2, 3, 1])));
 * const train = await bp.data.loadIdx(join(dir, "images.gz"), join(dir, "labels.gz"), { numClasses: 10 });
 * train.x.shape;   // => [2, 2, 2, 1]
 * train.labels;   // => [3, 1]
 */
export async function loadIdx(imagesPath: string, labelsPath: string, options: { numClasses?: number } = {}): Promise<IdxDataset> {
  const { loadIdxFiles } = await import("./node/idx-file.js");
  return loadIdxFiles(imagesPath, labelsPath, options);
}

/**
 * Loads a CSV file of numbers with a header row; `label` names the target column (numbers, or
 * class names mapped to sorted indices). A non-numeric cell throws FormatError naming its line and column.
 *
 * @example
 * import { mkdtempSync, writeFileSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import { join } from "node:path";
 * const file = join(mkdtempSync(join(tmpdir(), "bp-")), "iris.csv");
 * writeFileSync(file, "sepal_length,petal_length,species\n5.1,1.4,setosa\n7.0,4.7,versicolor\n6.3,6.0,virginica\n");
 * const { x, y, classes } = await bp.data.loadCsv(file, { label: "species" });
 * x.shape;   // => [3, 2]
 * y;   // => [0, 1, 2]
 * classes;   // => ["setosa", "versicolor", "virginica"]
 */
export async function loadCsv(path: string, options: CsvOptions = {}): Promise<CsvDataset> {
  const { readText } = await import("./node/files.js");
  return parseCsv(await readText("loadCsv", path, "a CSV file"), path, options);
}

/**
 * Streams `{ x: Float32Array, y: label }` samples from IDX files without loading them whole; feed
 * it to `bp.data.batches(..., { xShape: [28, 28, 1], numClasses: 10 })`.
 *
 * @example
 * import { mkdtempSync, writeFileSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import { join } from "node:path";
 * const dir = mkdtempSync(join(tmpdir(), "bp-"));
 * writeFileSync(join(dir, "images"), new Uint8Array([0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 2, 0, 255, 255, 0, 9, 9, 9, 9]));
 * writeFileSync(join(dir, "labels"), new Uint8Array([0, 0, 8, 1, 0, 0, 0, 2, 1, 0]));
 * const samples = bp.data.idxSamples(join(dir, "images"), join(dir, "labels"));
 * for await (const { x, y } of bp.data.batches(samples, { batchSize: 2, xShape: [2, 2, 1], numClasses: 2 })) {
 *   x.shape;   // => [2, 2, 2, 1]
 *   y;   // => [[0, 1], [1, 0]]
 * }
 */
export async function* idxSamples(imagesPath: string, labelsPath: string): AsyncGenerator<Sample> {
  const m = await import("./node/idx-file.js");
  yield* m.idxSamples(imagesPath, labelsPath);
}
