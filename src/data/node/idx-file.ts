/** Node-only IDX file loading: whole files, or streamed sample by sample. */
import { FormatError } from "../../errors.js";
import { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, idxToDataset, parseIdx, parseIdxHeader, type IdxDataset } from "../idx.js";
import type { Sample } from "../batches.js";
import { ChunkReader, readBytes } from "./files.js";

const IMAGES = "an IDX images file (magic 2051), e.g. train-images-idx3-ubyte.gz";
const LABELS = "an IDX labels file (magic 2049), e.g. train-labels-idx1-ubyte.gz";

/** Loads an images file and a labels file (each gzipped or not). */
export async function loadIdxFiles(imagesPath: string, labelsPath: string, options: { numClasses?: number } = {}): Promise<IdxDataset> {
  const [ib, lb] = await Promise.all([readBytes("loadIdx", imagesPath, IMAGES), readBytes("loadIdx", labelsPath, LABELS)]);
  const images = parseIdx(ib, imagesPath, IDX_IMAGES_MAGIC);
  const labels = parseIdx(lb, labelsPath, IDX_LABELS_MAGIC);
  return idxToDataset(images, labels, [imagesPath, labelsPath], options.numClasses);
}

async function header(r: ChunkReader, magic: number): Promise<number[]> {
  const head = (await r.read(4)) ?? new Uint8Array(0);
  const rank = head.length === 4 ? (head[3] as number) : 0;
  const dims = rank > 0 ? ((await r.read(4 * rank).catch(() => null)) ?? new Uint8Array(0)) : new Uint8Array(0);
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
