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
 *   const train = await bp.data.loadIdx("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz");
 */
export async function loadIdx(imagesPath: string, labelsPath: string, options: { numClasses?: number } = {}): Promise<IdxDataset> {
  const { loadIdxFiles } = await import("./node/idx-file.js");
  return loadIdxFiles(imagesPath, labelsPath, options);
}

/**
 * Loads a CSV file of numbers with a header row; `label` names the target column (numbers, or
 * class names mapped to sorted indices). A non-numeric cell throws FormatError naming its line and column.
 *
 *   const { x, y } = await bp.data.loadCsv("iris.csv", { label: "species" });
 */
export async function loadCsv(path: string, options: CsvOptions = {}): Promise<CsvDataset> {
  const { readText } = await import("./node/files.js");
  return parseCsv(await readText("loadCsv", path, "a CSV file"), path, options);
}

/**
 * Streams `{ x: Float32Array, y: label }` samples from IDX files without loading them whole; feed
 * it to `bp.data.batches(..., { xShape: [28, 28, 1], numClasses: 10 })`.
 */
export async function* idxSamples(imagesPath: string, labelsPath: string): AsyncGenerator<Sample> {
  const m = await import("./node/idx-file.js");
  yield* m.idxSamples(imagesPath, labelsPath);
}
