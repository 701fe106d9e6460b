/** Node-only IDX file loading: whole files, or streamed sample by sample. */
import { FormatError } from "../../errors.js";
import { checkIdxDims, IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, idxToDataset, parseIdxHeader, type IdxArray, type IdxDataset } from "../idx.js";
import type { Sample } from "../batches.js";
import { ChunkReader } from "./files.js";

const IMAGES = "an IDX images file (magic 2051), e.g. train-images-idx3-ubyte.gz";
const LABELS = "an IDX labels file (magic 2049), e.g. train-labels-idx1-ubyte.gz";

/**
 * Reads one IDX file as a stream: the magic number and dimensions are checked on its first bytes,
 * then exactly the announced data is read (inflated), and one byte more to find trailing data.
 */
async function readIdx(path: string, magic: number, what: string): Promise<IdxArray> {
  const r = await ChunkReader.open("loadIdx", path, what);
  try {
    const dims = await header(r, magic);
    const size = checkIdxDims(dims, path);
    const offset = 4 + 4 * dims.length;
    if (r.plainSize !== undefined && r.plainSize !== offset + size) {
      const have = r.plainSize - offset;
      throw new FormatError(have < size
        ? `IDX file ${path} is truncated: its header announces [${dims.join("×")}] = ${size} bytes of data but it holds ${have}`
        : `IDX file ${path} has ${have - size} bytes after the [${dims.join("×")}] data its header announces`);
    }
    const data = await r.read(size).catch((e: unknown) => {
      throw e instanceof FormatError && /truncated/.test(e.message)
        ? new FormatError(`IDX file ${path} is truncated: its header announces [${dims.join("×")}] = ${size} bytes of data but it holds less`)
        : e;
    });
    if (!data) throw new FormatError(`IDX file ${path} is truncated: its header announces [${dims.join("×")}] = ${size} bytes of data but it holds none`);
    if ((await r.read(1).catch(() => new Uint8Array(1))) !== null) {
      throw new FormatError(`IDX file ${path} has more bytes after the [${dims.join("×")}] data its header announces`);
    }
    return { dims, data };
  } finally {
    await r.close();
  }
}

/** Loads an images file and a labels file (each gzipped or not). */
export async function loadIdxFiles(imagesPath: string, labelsPath: string, options: { numClasses?: number } = {}): Promise<IdxDataset> {
  const images = await readIdx(imagesPath, IDX_IMAGES_MAGIC, IMAGES);
  const labels = await readIdx(labelsPath, IDX_LABELS_MAGIC, LABELS);
  return idxToDataset(images, labels, [imagesPath, labelsPath], options.numClasses);
}

/** The dimensions of an IDX header read from the start of a stream: the magic number first, then the rank's dimensions. */
async function header(r: ChunkReader, magic: number): Promise<number[]> {
  const head = await r.readAtMost(4);
  const got = head.length === 4 ? new DataView(head.buffer, head.byteOffset, 4).getUint32(0) : -1;
  if (got !== magic) return parseIdxHeader(head, r.path, magic).dims; // throws: truncated, or the wrong magic number
  const rank = magic & 0xff;
  const dims = await r.readAtMost(4 * rank);
  const bytes = new Uint8Array(head.length + dims.length);
  bytes.set(head);
  bytes.set(dims, head.length);
  return parseIdxHeader(bytes, r.path, magic).dims;
}

/**
 * Streams samples `{ x: Float32Array (pixels / 255), y: label }` from IDX files, reading them in
 * chunks, so files larger than memory can be trained on with `bp.data.batches`.
 *
 *   const samples = bp.data.idxSamples("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz");
 *   for await (const b of bp.data.batches(samples, { batchSize: 64, xShape: [28, 28, 1], numClasses: 10 })) { ... }
 */
export async function* idxSamples(imagesPath: string, labelsPath: string): AsyncGenerator<Sample> {
  const ir = await ChunkReader.open("idxSamples", imagesPath, IMAGES);
  const lr = await ChunkReader.open("idxSamples", labelsPath, LABELS);
  try {
    const [n, rows, cols] = (await header(ir, IDX_IMAGES_MAGIC)) as [number, number, number];
    const [m] = (await header(lr, IDX_LABELS_MAGIC)) as [number];
    if (n !== m) throw new FormatError(`IDX files disagree: ${imagesPath} holds ${n} images but ${labelsPath} holds ${m} labels`);
    const per = rows * cols;
    for (let i = 0; i < n; i++) {
      const img = await ir.read(per);
      const lab = await lr.read(1);
      if (!img || !lab) throw new FormatError(`IDX file ${img ? labelsPath : imagesPath} is truncated: it ends after ${i} of the ${n} records its header announces`);
      const x = new Float32Array(per);
      for (let k = 0; k < per; k++) x[k] = (img[k] as number) / 255;
      yield { x, y: lab[0] as number };
    }
  } finally {
    await ir.close();
    await lr.close();
  }
}
