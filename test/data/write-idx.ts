/** Helpers that write small IDX files for the loader tests. */
import { writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

export function idxBytes(magic: number, dims: number[], data: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, magic);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  out.set(Array.from(data), 4 + 4 * dims.length);
  return out;
}

/** n images of rows×cols whose pixel k of image i is (i * 7 + k) % 256; labels i % classes. */
export function writeIdxPair(dir: string, prefix: string, n: number, options: { rows?: number; cols?: number; classes?: number; gzip?: boolean } = {}): { images: string; labels: string; pixels: Uint8Array; labelValues: Uint8Array } {
  const rows = options.rows ?? 28;
  const cols = options.cols ?? 28;
  const classes = options.classes ?? 10;
  const pixels = Uint8Array.from({ length: n * rows * cols }, (_, j) => (Math.floor(j / (rows * cols)) * 7 + (j % (rows * cols))) % 256);
  const labelValues = Uint8Array.from({ length: n }, (_, i) => i % classes);
  const ext = options.gzip ? ".gz" : "";
  const images = `${dir}/${prefix}-images-idx3-ubyte${ext}`;
  const labels = `${dir}/${prefix}-labels-idx1-ubyte${ext}`;
  const enc = (b: Uint8Array): Uint8Array => (options.gzip ? gzipSync(b) : b);
  writeFileSync(images, enc(idxBytes(2051, [n, rows, cols], pixels)));
  writeFileSync(labels, enc(idxBytes(2049, [n], labelValues)));
  return { images, labels, pixels, labelValues };
}
