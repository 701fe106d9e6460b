/**
 * Hostile input files shared by the command-line and loader tests and bench/hostile-files.ts (no
 * vitest here, so the bench can import it): a gzip bomb written as a stream, and the set of
 * pictures, CSV, layer and IDX files that each test the limits the command line enforces.
 */
import { createWriteStream, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createGzip } from "node:zlib";
import { greyPng, oneBitPng } from "./cli/png-files.js";
import { idxBytes, writeIdxPair } from "./data/write-idx.js";

/** A gzip file of `header` followed by `zeros` zero bytes, written without holding them in memory. */
export async function gzipBomb(path: string, header: Uint8Array, zeros: number): Promise<string> {
  const gz = createGzip({ level: 9 });
  const done = new Promise<void>((resolve, reject) =>
    gz.pipe(createWriteStream(path)).on("finish", resolve).on("error", reject),
  );
  gz.write(header);
  const chunk = Buffer.alloc(1 << 20);
  for (let left = zeros; left > 0; left -= chunk.length) {
    if (!gz.write(left >= chunk.length ? chunk : chunk.subarray(0, left)))
      await new Promise((r) => gz.once("drain", r));
  }
  gz.end();
  await done;
  return path;
}

/**
 * Writes into `dir`: bomb.png (1-bit, 20000×20000), grey500.png, header-only.csv, label3m.csv (a
 * label of 3,000,000), small.csv, units1e9.json (a layer of 1e9 units), idx-zero/ (a zero
 * dimension) and idx-bomb/ (images: `bombZeros` zero bytes gzipped, so a bad magic number).
 */
export async function writeHostileInputs(dir: string, bombZeros = 256 << 20): Promise<void> {
  writeFileSync(join(dir, "bomb.png"), oneBitPng(20000, 20000));
  writeFileSync(join(dir, "grey500.png"), greyPng(500, 500));
  writeFileSync(join(dir, "header-only.csv"), "a,b,label\n");
  writeFileSync(join(dir, "label3m.csv"), "a,b,label\n1,2,0\n3,4,3000000\n5,6,1\n1,1,0\n2,2,1\n");
  writeFileSync(join(dir, "small.csv"), "a,b,label\n1,2,0\n3,4,1\n5,6,1\n1,1,0\n2,2,1\n");
  const layers = [
    { type: "dense", units: 1e9 },
    { type: "dense", units: 2, activation: "softmax" },
  ];
  writeFileSync(join(dir, "units1e9.json"), JSON.stringify(layers));
  mkdirSync(join(dir, "idx-zero"));
  writeFileSync(join(dir, "idx-zero", "train-images-idx3-ubyte"), idxBytes(2051, [0, 28, 28], []));
  writeFileSync(join(dir, "idx-zero", "train-labels-idx1-ubyte"), idxBytes(2049, [0], []));
  mkdirSync(join(dir, "idx-bomb"));
  await gzipBomb(join(dir, "idx-bomb", "train-images-idx3-ubyte.gz"), new Uint8Array(0), bombZeros);
  writeIdxPair(join(dir, "idx-bomb"), "t10k", 2);
  writeFileSync(join(dir, "idx-bomb", "train-labels-idx1-ubyte"), idxBytes(2049, [2], [0, 1]));
}
