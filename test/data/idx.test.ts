/** IDX loading on files the tests write (plain and gzipped, whole and streamed) and on bad files. */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { idxBytes, writeIdxPair } from "./write-idx.js";

const dir = mkdtempSync(join(tmpdir(), "bp-idx-"));

describe.each([false, true])("loadIdx (gzip %s)", (gzip) => {
  test("reads images into [N,rows,cols,1] in [0,1], labels one-hot and as indices", async () => {
    const f = writeIdxPair(dir, `ok-${gzip}`, 12, { rows: 5, cols: 4, classes: 3, gzip });
    const d = await bp.data.loadIdx(f.images, f.labels);
    expect(d.x.shape).toEqual([12, 5, 4, 1]);
    expect(d.y.shape).toEqual([12, 3]);
    expect(Array.from(d.labels.dataSync())).toEqual(Array.from(f.labelValues));
    const x = d.x.dataSync();
    expect(Array.from(x.slice(0, 30)).map((v) => Math.round(v * 255))).toEqual(Array.from(f.pixels.slice(0, 30)));
    expect(Array.from(d.y.argmax(-1).dataSync())).toEqual(Array.from(f.labelValues));
  });

  test("numClasses widens the one-hot rows", async () => {
    const f = writeIdxPair(dir, `nc-${gzip}`, 4, { rows: 2, cols: 2, classes: 2, gzip });
    expect((await bp.data.loadIdx(f.images, f.labels, { numClasses: 10 })).y.shape).toEqual([4, 10]);
  });

  test("idxSamples + batches stream the same data in chunks", async () => {
    const f = writeIdxPair(dir, `st-${gzip}`, 10, { rows: 3, cols: 3, classes: 4, gzip });
    const whole = await bp.data.loadIdx(f.images, f.labels, { numClasses: 4 });
    const xs: number[] = [];
    const ys: number[] = [];
    const sizes: number[] = [];
    for await (const b of bp.data.batches(bp.data.idxSamples(f.images, f.labels), { batchSize: 4, xShape: [3, 3, 1], numClasses: 4 })) {
      sizes.push(b.x.shape[0]!);
      expect(b.x.shape.slice(1)).toEqual([3, 3, 1]);
      xs.push(...b.x.dataSync());
      ys.push(...b.y!.dataSync());
    }
    expect(sizes).toEqual([4, 4, 2]);
    expect(xs).toEqual(Array.from(whole.x.dataSync()));
    expect(ys).toEqual(Array.from(whole.y.dataSync()));
  });
});

describe("bad IDX files throw errors naming the file and what was expected", () => {
  const good = writeIdxPair(dir, "good", 6, { rows: 4, cols: 4 });
  const bytes = readFileSync(good.images);
  const write = (name: string, data: Uint8Array): string => {
    const p = join(dir, name);
    writeFileSync(p, data);
    return p;
  };
  const cases: [string, () => [string, string], RegExp, typeof bp.BackpropError][] = [
    ["missing file", () => [join(dir, "nope-images"), good.labels], /file not found: .*nope-images/, bp.NotFoundError],
    ["images and labels swapped", () => [good.labels, good.images], /magic number 2049 \(that is an IDX labels \(rank 1\) file\); expected 2051/, bp.FormatError],
    ["wrong magic", () => [write("magic", Uint8Array.from([0, 0, 8, 7, 0, 0, 0, 1])), good.labels], /magic number 2055; expected 2051/, bp.FormatError],
    ["truncated data", () => [write("trunc", bytes.subarray(0, bytes.length - 5)), good.labels], /trunc is truncated: .*96 bytes of data but it holds 91/, bp.FormatError],
    ["truncated header", () => [write("trunc-head", bytes.subarray(0, 9)), good.labels], /truncated: 9 bytes, shorter than its 16-byte header/, bp.FormatError],
    ["empty file", () => [write("empty", new Uint8Array(0)), good.labels], /empty is truncated: 0 bytes/, bp.FormatError],
    ["extra bytes", () => [write("extra", Uint8Array.from([...bytes, 1, 2])), good.labels], /2 bytes after/, bp.FormatError],
    ["count mismatch", () => [good.images, write("few-labels", idxBytes(2049, [5], [0, 1, 2, 3, 4]))], /holds 6 images but .*few-labels holds 5 labels/, bp.FormatError],
    ["broken gzip", () => [write("broken.gz", gzipSync(bytes).subarray(0, 30)), good.labels], /broken\.gz starts like a gzip file but cannot be decompressed/, bp.FormatError],
    ["a directory", () => [dir, good.labels], /is a directory/, bp.NotFoundError],
  ];
  test.each(cases)("%s", async (_name, files, message, cls) => {
    const [images, labels] = files();
    const err = await bp.data.loadIdx(images, labels).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(cls);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).not.toContain("\n");
  });

  test("streaming a truncated file fails at the end of its data", async () => {
    const trunc = write("trunc-stream", bytes.subarray(0, bytes.length - 20));
    const run = async (): Promise<void> => {
      for await (const b of bp.data.batches(bp.data.idxSamples(trunc, good.labels), { batchSize: 2 })) b.x.dispose();
    };
    await expect(run()).rejects.toThrow(/truncated/);
  });
});

const FASHION = "/usr/share/datasets/fashion-mnist";
describe.runIf(existsSync(`${FASHION}/t10k-images-idx3-ubyte.gz`))("Debian's Fashion-MNIST files", () => {
  test("the 10,000 test images load with 1,000 per class", async () => {
    const d = await bp.data.loadIdx(`${FASHION}/t10k-images-idx3-ubyte.gz`, `${FASHION}/t10k-labels-idx1-ubyte.gz`);
    expect(d.x.shape).toEqual([10000, 28, 28, 1]);
    expect(Array.from(d.y.sum(0).dataSync())).toEqual(new Array(10).fill(1000));
  });
});
