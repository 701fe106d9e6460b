/** PNG files for the image tests, written chunk by chunk (so any size, bit depth or damage can be made). */
import { deflateSync } from "node:zlib";
import { crc32 } from "../../src/model/weights-file.js";

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** One chunk: length, type, data, CRC-32 of type and data. */
export function pngChunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A PNG from its header fields and its filtered rows (each row: filter byte 0, then the packed pixels). */
export function pngFile(
  width: number,
  height: number,
  depth: number,
  colour: number,
  rows: Uint8Array,
): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([depth, colour, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from(SIGNATURE),
    pngChunk("IHDR", ihdr),
    pngChunk("IDAT", deflateSync(rows, { level: 9 })),
    pngChunk("IEND", new Uint8Array(0)),
  ]);
}

/** A black 1-bit greyscale picture: tiny on disk whatever its size (20000×20000 is ~76 KB). */
export function oneBitPng(width: number, height: number): Buffer {
  return pngFile(width, height, 1, 0, new Uint8Array((1 + Math.ceil(width / 8)) * height));
}

/** An 8-bit greyscale picture: a light background with a dark disc in the middle. */
export function greyPng(width: number, height: number): Buffer {
  const rows = new Uint8Array((1 + width) * height);
  const r = Math.min(width, height) / 4;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++)
      rows[y * (1 + width) + 1 + x] = Math.hypot(x - width / 2, y - height / 2) < r ? 20 : 235;
  }
  return pngFile(width, height, 8, 0, rows);
}
