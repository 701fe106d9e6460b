/**
 * IDX files that announce or hold more than they should: the header is checked on the first bytes
 * of the (gzip) stream, and no more than the declared size is inflated.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { gzipBomb } from "../hostile-files.js";
import { isolated } from "../isolated.js";
import { idxBytes } from "./write-idx.js";

const dir = mkdtempSync(join(tmpdir(), "bp-idx-hostile-"));

const labels = (n: number): string => {
  const p = join(dir, `labels-${n}`);
  writeFileSync(p, idxBytes(2049, [n], new Uint8Array(n)));
  return p;
};

/** Loads in a fresh process: a FormatError matching `message`, with under 64 MB of peak memory above the baseline. */
const refusedInIsolation = (images: string, labelsPath: string, message: RegExp): void => {
  const r = isolated(`await bp.data.loadIdx(${JSON.stringify(images)}, ${JSON.stringify(labelsPath)});`);
  expect(r.error?.name).toBe("FormatError");
  expect(r.error?.message).toMatch(message);
  expect(r.peakMb - r.baselineMb).toBeLessThan(64);
};

const refusedLean = async (images: string, labelsPath: string, message: RegExp): Promise<void> => {
  const before = process.memoryUsage().rss;
  const err = await bp.data.loadIdx(images, labelsPath).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(bp.FormatError);
  expect((err as Error).message).toMatch(message);
  expect(process.memoryUsage().rss - before).toBeLessThan(64 << 20);
};

describe("hostile IDX files", () => {
  test("a gzip bomb with a bad magic number is refused on its first bytes", async () => {
    const p = await gzipBomb(join(dir, "bomb-magic.gz"), new Uint8Array(0), 256 << 20);
    refusedInIsolation(p, labels(2), /magic number 0; expected 2051/);
  }, 60_000);

  test("valid header followed by far more data than declared: refused after the declared size", async () => {
    const p = await gzipBomb(
      join(dir, "bomb-long.gz"),
      idxBytes(2051, [2, 2, 2], new Uint8Array(8)),
      256 << 20,
    );
    refusedInIsolation(p, labels(2), /bytes after the \[2×2×2\] data its header announces/);
  }, 60_000);

  test("declared dimensions beyond the size limit are refused before any data is read", async () => {
    const p = join(dir, "huge.gz");
    writeFileSync(p, gzipSync(idxBytes(2051, [4_000_000_000, 28, 28], new Uint8Array(16))));
    await refusedLean(p, labels(2), /announces \[4000000000×28×28\] = .* bytes, more than the limit of/);
  });

  test("an uncompressed file whose size disagrees with its header is refused without reading it", async () => {
    const p = join(dir, "short");
    writeFileSync(p, idxBytes(2051, [100, 28, 28], new Uint8Array(1000)));
    await refusedLean(p, labels(100), /truncated/);
  });

  test("a zero dimension is a FormatError", async () => {
    const p = join(dir, "zero");
    writeFileSync(p, idxBytes(2051, [3, 0, 28], []));
    await refusedLean(p, labels(3), /dimension 2 of \[3×0×28\] is 0/);
  });

  test("an images file given as a FIFO is refused instead of waiting", async () => {
    const { spawnSync } = await import("node:child_process");
    const p = join(dir, "fifo");
    spawnSync("mkfifo", [p]);
    await expect(bp.data.loadIdx(p, labels(2))).rejects.toThrow(/not a regular file/);
  }, 10_000);
});
