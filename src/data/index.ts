/**
 * `bp.data`: data sets (embedded MNIST, IDX and CSV files, toy 2-D sets), splits, scalers,
 * one-hot encoding, class weights and mini-batch iteration.
 *
 *   const { xTrain, yTrain, xTest, yTest } = await bp.data.mnist();
 */
export * as toy from "./toy.js";
export type { ToyOptions, ToySet } from "./toy.js";
export { batches, type Batch, type BatchOptions, type BatchSource, type Sample } from "./batches.js";
export { computeClassWeight } from "./class-weight.js";
export { decodePng, encodePng, type DecodePngOptions } from "../image/png.js";
export { loadImage } from "./images.js";
export { parseCsv, type CsvDataset, type CsvOptions } from "./csv.js";
export { checkIdxDims, IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, idxToDataset, MAX_IDX_BYTES, parseIdx, parseIdxHeader, type IdxArray, type IdxDataset } from "./idx.js";
export { argmaxRows, toClassIndices, type LabelsLike } from "./labels.js";
export { idxSamples, loadCsv, loadIdx } from "./loaders.js";
export { mnist, MNIST_SPLIT, type MnistData } from "./mnist.js";
export { oneHot } from "./one-hot.js";
export { MinMaxScaler, minMaxScaler, StandardScaler, standardScaler } from "./scalers.js";
export { split, splitIndices, type SplitIndices, type SplitOptions, type Subset } from "./split.js";
