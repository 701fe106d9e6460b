/**
 * Fuzzing IDX files: 1,000 mutations (fixed seed) of small images / labels files, plain and
 * gzipped — header bytes and dimensions set to extremes, damaged and truncated bytes, gzip bombs
 * behind good and bad headers, links, FIFOs and devices. Each loads or throws a BackpropError.
 */
import { spawnSync } from "node:child_process";
import { symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { test } from "vitest";
import { scratchDir } from "../scratch-dir.js";
import * as bp from "../../src/index.js";
import { idxBytes } from "../data/write-idx.js";
import { checkFuzz, EXTREME_NUMBERS, mutateBytes, rng, type Rng } from "./fuzz.js";

const CASES = 1000;
const root = scratchDir("bp-fuzz-idx-");

const N = 5;
const IMAGES = idxBytes(
  2051,
  [N, 4, 3],
  Uint8Array.from({ length: N * 12 }, (_, i) => (i * 29) % 256),
);
const LABELS = idxBytes(2049, [N], [0, 1, 2, 1, 0]);

/** Header mutations: a magic byte, or a dimension set to an extreme value. */
function mutateHeader(base: Uint8Array, r: Rng): { bytes: Uint8Array; what: string } {
  const out = base.slice();
  const view = new DataView(out.buffer);
  const rank = base === IMAGES ? 3 : 1;
  if (r.next() < 0.3) {
    const at = r.int(4);
    out[at] = r.pick([0, 1, 3, 8, 9, 0x0d, 0x0e, 0xff]);
    return { bytes: out, what: `magic byte ${at} = ${out[at]}` };
  }
  const d = r.int(rank);
  const v = r.pick(EXTREME_NUMBERS.filter((x) => Number.isInteger(x) && x >= 0 && x < 2 ** 32));
  view.setUint32(4 + 4 * d, v);
  return { bytes: out, what: `dimension ${d + 1} = ${v}` };
}

const SPECIAL: [string, (p: string) => void][] = [
  ["link to /dev/zero", (p) => symlinkSync("/dev/zero", p)],
  ["a FIFO", (p) => void spawnSync("mkfifo", [p])],
  ["a directory", (p) => void spawnSync("mkdir", [p])],
  ["a dangling link", (p) => symlinkSync(join(root, "absent"), p)],
];

async function* cases(): AsyncGenerator<[string, () => Promise<unknown>]> {
  const r = rng(1234567);
  const zeros = new Uint8Array(16 << 20);
  const bombs: [string, Uint8Array][] = [
    ["gzip bomb, bad magic", gzipSync(zeros)],
    [
      "gzip bomb after a [2×2×2] header",
      gzipSync(Buffer.concat([idxBytes(2051, [2, 2, 2], new Uint8Array(8)), zeros])),
    ],
    [
      "gzip bomb short of a [1000×128×256] header",
      gzipSync(Buffer.concat([idxBytes(2051, [1000, 128, 256], []), zeros])),
    ],
  ];
  for (let i = 0; i < CASES; i++) {
    const images = join(root, `c${i}-images`);
    const labels = join(root, `c${i}-labels`);
    const onLabels = r.next() < 0.25;
    const base = onLabels ? LABELS : IMAGES;
    const kind = r.next();
    let bytes: Uint8Array | undefined;
    let what: string;
    if (kind < 0.45) ({ bytes, what } = mutateHeader(base, r));
    else if (kind < 0.85) ({ bytes, what } = mutateBytes(base, r));
    else if (kind < 0.93 && !onLabels) {
      const [name, b] = r.pick(bombs);
      [bytes, what] = [b, name];
    } else {
      const [name, make] = r.pick(SPECIAL);
      make(onLabels ? labels : images);
      what = name;
    }
    const gzip = bytes !== undefined && bytes[0] !== 0x1f && r.next() < 0.5;
    if (bytes) writeFileSync(onLabels ? labels : images, gzip ? gzipSync(bytes) : bytes);
    writeFileSync(onLabels ? images : labels, onLabels ? IMAGES : LABELS);
    yield [
      `#${i} ${onLabels ? "labels" : "images"}: ${what}${gzip ? ", gzipped" : ""}`,
      () => bp.data.loadIdx(images, labels),
    ];
  }
}

test("1,000 mutations of IDX files: each loads or throws a BackpropError", async () => {
  await checkFuzz("IDX", CASES, cases());
}, 120_000);
