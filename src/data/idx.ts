/**
 * The IDX format of MNIST and Fashion-MNIST (parsing only; no file system here, so it bundles for
 * browsers). A file is a 4-byte magic number — two zero bytes, a type code (0x08 = unsigned byte)
 * and the rank — then one big-endian uint32 per dimension, then the data row-major.
 * Images are rank 3 (magic 2051 = 0x00000803), labels rank 1 (magic 2049 = 0x00000801).
 */
import { FormatError } from "../errors.js";
import { makeTensor, type Tensor } from "../tensor/tensor.js";

/**
 * The magic number of an IDX file of unsigned-byte images, rank 3 (MNIST's and Fashion-MNIST's `*-images-idx3-ubyte`).
 *
 * @example
 * bp.data.IDX_IMAGES_MAGIC;   // => 2051
 */
export const IDX_IMAGES_MAGIC = 2051;
/**
 * The magic number of an IDX file of unsigned-byte labels, rank 1 (`*-labels-idx1-ubyte`).
 *
 * @example
 * bp.data.IDX_LABELS_MAGIC;   // => 2049
 */
export const IDX_LABELS_MAGIC = 2049;

/**
 * A parsed IDX array of unsigned bytes.
 *
 * @example
 * const labels: bp.data.IdxArray = { dims: [3], data: new Uint8Array([7, 2, 1]) };
 * const images: bp.data.IdxArray = { dims: [3, 1, 1], data: new Uint8Array([0, 128, 255]) };
 * bp.data.idxToDataset(images, labels, ["images", "labels"]).labels;   // => [7, 2, 1]
 */
export interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

/**
 * A data set read from IDX files: images scaled to [0, 1], labels one-hot and as indices.
 *
 * @example
 * const set: bp.data.IdxDataset = bp.data.idxToDataset({ dims: [1, 2, 2], data: new Uint8Array(4) }, { dims: [1], data: new Uint8Array([3]) }, ["i", "l"], 10);
 * set.y.shape;   // => [1, 10]
 */
export interface IdxDataset {
  /** [N, rows, cols, 1] float32 in [0, 1]. */
  x: Tensor;
  /** [N, numClasses] float32 one-hot. */
  y: Tensor;
  /** [N] int32 class indices. */
  labels: Tensor;
}

/**
 * The most data bytes an IDX file may announce (1 GiB; its images become 4 bytes per pixel as float32).
 *
 * @example
 * bp.data.MAX_IDX_BYTES;   // => 1073741824
 */
export const MAX_IDX_BYTES = 2 ** 30;

/**
 * Checks declared dimensions before anything is read or allocated from them: none may be 0, and
 * their product (the data's byte count) must stay under MAX_IDX_BYTES. Returns that product.
 *
 * @example
 * bp.data.checkIdxDims([60000, 28, 28], "train-images-idx3-ubyte");   // => 47040000
 */
export function checkIdxDims(dims: readonly number[], name: string): number {
  const shown = `[${dims.join("×")}]`;
  const zero = dims.indexOf(0);
  if (zero >= 0) throw new FormatError(`IDX file ${name}: dimension ${zero + 1} of ${shown} is 0; expected at least one record of at least one value`);
  const size = dims.reduce((a, b) => a * b, 1);
  if (size > MAX_IDX_BYTES) throw new FormatError(`IDX file ${name} announces ${shown} = ${size} bytes, more than the limit of ${MAX_IDX_BYTES} (1 GiB); the header is damaged or the file is not a data set`);
  return size;
}

const kind = (magic: number): string => (magic === IDX_IMAGES_MAGIC ? "images (rank 3)" : "labels (rank 1)");

/**
 * Reads the header of `bytes` (an IDX file named `name` in messages) and checks it against the
 * expected magic number and the file's length.
 *
 * @example
 * const bytes = new Uint8Array([0, 0, 8, 1, 0, 0, 0, 3, 7, 2, 1]);   // 3 labels
 * bp.data.parseIdxHeader(bytes, "labels.idx", 2049);   // => { dims: [3], offset: 8 }
 */
export function parseIdxHeader(bytes: Uint8Array, name: string, magic: number): { dims: number[]; offset: number } {
  if (bytes.length < 4) throw new FormatError(`IDX file ${name} is truncated: ${bytes.length} bytes, shorter than the 4-byte magic number`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const got = view.getUint32(0);
  if (got !== magic) {
    const hint = got === IDX_IMAGES_MAGIC || got === IDX_LABELS_MAGIC ? ` (that is an IDX ${kind(got)} file)` : "";
    throw new FormatError(`IDX file ${name}: magic number ${got}${hint}; expected ${magic} for IDX ${kind(magic)} of unsigned bytes`);
  }
  const rank = magic & 0xff;
  const offset = 4 + 4 * rank;
  if (bytes.length < offset) {
    throw new FormatError(`IDX file ${name} is truncated: ${bytes.length} bytes, shorter than its ${offset}-byte header`);
  }
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i));
  return { dims, offset };
}

/**
 * Parses a whole IDX file held in memory, checking that its data is complete.
 *
 * @example
 * // magic 2049 (labels), one dimension of 3, then the labels 7, 2, 1
 * const bytes = new Uint8Array([0, 0, 8, 1, 0, 0, 0, 3, 7, 2, 1]);
 * const { dims, data } = bp.data.parseIdx(bytes, "labels.idx", bp.data.IDX_LABELS_MAGIC);
 * dims;   // => [3]
 * Array.from(data);   // => [7, 2, 1]
 */
export function parseIdx(bytes: Uint8Array, name: string, magic: number): IdxArray {
  const { dims, offset } = parseIdxHeader(bytes, name, magic);
  const size = checkIdxDims(dims, name);
  const have = bytes.length - offset;
  if (have < size) {
    throw new FormatError(`IDX file ${name} is truncated: its header announces [${dims.join("×")}] = ${size} bytes of data but it holds ${have}`);
  }
  if (have > size) {
    throw new FormatError(`IDX file ${name} has ${have - size} bytes after the [${dims.join("×")}] data its header announces`);
  }
  return { dims, data: bytes.subarray(offset, offset + size) };
}

/**
 * Tensors from parsed images and labels (checked against each other): pixels / 255 into
 * [N, rows, cols, 1]; labels one-hot over `numClasses` (default: largest label + 1).
 *
 * @example
 * const images = { dims: [2, 2, 2], data: new Uint8Array([0, 255, 255, 0, 255, 0, 0, 255]) };
 * const labels = { dims: [2], data: new Uint8Array([1, 0]) };
 * const { x, y } = bp.data.idxToDataset(images, labels, ["images.idx", "labels.idx"], 2);
 * x.shape;   // => [2, 2, 2, 1]
 * y;   // => [[0, 1], [1, 0]]
 */
export function idxToDataset(images: IdxArray, labels: IdxArray, names: [string, string], numClasses?: number): IdxDataset {
  const [n, rows, cols] = images.dims as [number, number, number];
  const m = labels.dims[0] as number;
  if (n !== m) throw new FormatError(`IDX files disagree: ${names[0]} holds ${n} images but ${names[1]} holds ${m} labels`);
  let maxLabel = -1;
  for (const v of labels.data) maxLabel = Math.max(maxLabel, v);
  const depth = numClasses ?? maxLabel + 1;
  if (maxLabel >= depth) throw new FormatError(`IDX file ${names[1]}: label ${maxLabel} is out of range for ${depth} classes`);
  const pixels = new Float32Array(images.data.length);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (images.data[i] as number) / 255;
  const onehot = new Float32Array(n * depth);
  labels.data.forEach((v, i) => (onehot[i * depth + v] = 1));
  return {
    x: makeTensor([n, rows, cols, 1], "float32", pixels),
    y: makeTensor([n, depth], "float32", onehot),
    labels: makeTensor([n], "int32", Int32Array.from(labels.data)),
  };
}
