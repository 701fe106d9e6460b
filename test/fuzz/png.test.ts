/**
 * Fuzzing PNG input: 1,000 mutations (fixed seed) of small PNG pictures — header fields (size, bit
 * depth, colour type, interlacing) set to extremes, damaged or truncated bytes (with the chunks'
 * CRCs repaired, so the damage reaches the decoder), inflation bombs, links, FIFOs and devices.
 * Each is read and prepared as a model input, or throws a BackpropError.
 */
import { spawnSync } from "node:child_process";
import { symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PNG } from "pngjs";
import { test } from "vitest";
import { scratchDir } from "../scratch-dir.js";
import { readPngGrey, toModelInput } from "../../src/cli/image-input.js";
import { crc32 } from "../../src/model/weights-file.js";
import { greyPng, oneBitPng, pngFile } from "../cli/png-files.js";
import { checkFuzz, EXTREME_NUMBERS, mutateBytes, rng, type Rng } from "./fuzz.js";

const CASES = 1000;
const root = scratchDir("bp-fuzz-png-");

function colourPng(width: number, height: number): Uint8Array {
  const png = new PNG({ width, height });
  for (let i = 0; i < png.data.length; i++) png.data[i] = (i * 53) % 256;
  return new Uint8Array(PNG.sync.write(png));
}

/** Recomputes the CRC of every complete chunk, so that damage inside a chunk reaches the decoder. */
function repairCrcs(bytes: Uint8Array): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 8; at + 12 <= bytes.length;) {
    const len = view.getUint32(at);
    if (at + 12 + len > bytes.length) break;
    view.setUint32(at + 8 + len, crc32(bytes.subarray(at + 4, at + 8 + len)));
    at += 12 + len;
  }
  return bytes;
}

/** IHDR fields: width 16, height 20 (u32), bit depth 24, colour type 25, interlace 28 (bytes). */
function mutateHeader(base: Uint8Array, r: Rng): { bytes: Uint8Array; what: string } {
  const out = base.slice();
  const view = new DataView(out.buffer);
  const field = r.pick(["width", "height", "both", "depth", "colour", "interlace"] as const);
  const dim = (): number =>
    r.pick([
      ...EXTREME_NUMBERS.filter((v) => Number.isInteger(v) && v >= 0 && v < 2 ** 32),
      1,
      2,
      27,
      28,
      29,
      6000,
      20000,
    ]);
  let what: string;
  if (field === "width" || field === "height" || field === "both") {
    const [w, h] = [
      field === "height" ? view.getUint32(16) : dim(),
      field === "width" ? view.getUint32(20) : dim(),
    ];
    view.setUint32(16, w);
    view.setUint32(20, h);
    what = `${w}×${h}`;
  } else {
    const at = field === "depth" ? 24 : field === "colour" ? 25 : 28;
    out[at] = r.pick([0, 1, 2, 3, 4, 5, 6, 7, 8, 16, 255]);
    what = `${field} = ${out[at]}`;
  }
  return { bytes: repairCrcs(out), what: `header ${what}` };
}

const SPECIAL: [string, (p: string) => void][] = [
  ["link to /dev/zero", (p) => symlinkSync("/dev/zero", p)],
  ["link to /dev/urandom", (p) => symlinkSync("/dev/urandom", p)],
  ["a FIFO", (p) => void spawnSync("mkfifo", [p])],
  ["a directory", (p) => void spawnSync("mkdir", [p])],
  ["a dangling link", (p) => symlinkSync(join(root, "absent.png"), p)],
];

async function* cases(bases: Uint8Array[]): AsyncGenerator<[string, () => Promise<unknown>]> {
  const r = rng(8675309);
  for (let i = 0; i < CASES; i++) {
    const p = join(root, `c${i}.png`);
    const kind = r.next();
    const base = r.pick(bases);
    let what: string;
    if (kind < 0.4) {
      const m = mutateHeader(base, r);
      writeFileSync(p, m.bytes);
      what = m.what;
    } else if (kind < 0.8) {
      const m = mutateBytes(base, r, 8);
      const repair = r.next() < 0.75;
      writeFileSync(p, repair ? repairCrcs(m.bytes) : m.bytes);
      what = `${m.what}${repair ? ", CRCs repaired" : ""}`;
    } else if (kind < 0.9) {
      const w = r.pick([28, 1000, 4000, 6000, 20000]);
      const rows = r.pick([1 << 20, 8 << 20]);
      writeFileSync(p, pngFile(w, w, r.pick([1, 8, 16]), r.pick([0, 2, 6]), new Uint8Array(rows)));
      what = `${w}×${w} over ${rows} inflated bytes`;
    } else {
      const [name, make] = r.pick(SPECIAL);
      make(p);
      what = name;
    }
    yield [`#${i} ${what}`, async () => toModelInput(await readPngGrey(p), 28, 28, "digit")];
  }
}

test("1,000 mutations of PNG pictures: each is read or throws a BackpropError", async () => {
  const bases = [greyPng(28, 28), greyPng(37, 23), oneBitPng(30, 30), colourPng(40, 30), colourPng(9, 9)];
  await checkFuzz("PNG", CASES, cases(bases));
}, 120_000);
