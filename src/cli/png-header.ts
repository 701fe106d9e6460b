/**
 * What a PNG announces, checked before it is decoded: its size from the IHDR chunk (refused above
 * MAX_PIXELS), and pixel data (IDAT, inflated with a cap) of at least the announced size, so a tiny
 * file cannot make the decoder allocate a huge picture for data it does not hold.
 */
import { inflateSync } from "node:zlib";
import { concatBytes } from "../bytes.js";
import { InputError } from "./exit.js";

/** The largest picture decoded: 40 megapixels (its RGBA decoding alone takes 160 MB). */
export const MAX_PIXELS = 40_000_000;

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** Width and height from the IHDR chunk (which must come first), or undefined when the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  if (bytes.length < 24 || SIGNATURE.some((b, i) => bytes[i] !== b)) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (String.fromCharCode(bytes[12]!, bytes[13]!, bytes[14]!, bytes[15]!) !== "IHDR") return undefined;
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** Bytes of filtered rows a picture needs: one filter byte per row, plus the packed pixels (Adam7: per pass). */
function rowBytes(width: number, height: number, bitsPerPixel: number, interlaced: boolean): number {
  const size = (w: number, h: number): number =>
    w > 0 && h > 0 ? h * (1 + Math.ceil((w * bitsPerPixel) / 8)) : 0;
  if (!interlaced) return size(width, height);
  const passes: [number, number, number, number][] = [
    [0, 0, 8, 8],
    [4, 0, 8, 8],
    [0, 4, 4, 8],
    [2, 0, 4, 4],
    [0, 2, 2, 4],
    [1, 0, 2, 2],
    [0, 1, 1, 2],
  ];
  return passes.reduce(
    (n, [x0, y0, dx, dy]) => n + size(Math.ceil((width - x0) / dx), Math.ceil((height - y0) / dy)),
    0,
  );
}

/** The IDAT chunks' data, concatenated (chunks running past the end are left to the decoder to report). */
function idat(bytes: Uint8Array): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: Uint8Array[] = [];
  for (let at = 8; at + 8 <= bytes.length;) {
    const len = view.getUint32(at);
    const type = String.fromCharCode(bytes[at + 4]!, bytes[at + 5]!, bytes[at + 6]!, bytes[at + 7]!);
    if (at + 12 + len > bytes.length || type === "IEND") break;
    if (type === "IDAT") {
      parts.push(bytes.subarray(at + 8, at + 8 + len));
    }
    at += 12 + len;
  }
  return concatBytes(parts);
}

/** Throws an InputError (exit 3) when the picture is too large or holds less pixel data than it announces. */
export function checkPng(bytes: Uint8Array, path: string): void {
  const size = pngSize(bytes);
  if (!size) return; // not a PNG: the decoder says so
  const { width, height } = size;
  if (width === 0 || height === 0)
    throw new InputError(`${path} is ${width}×${height} pixels; expected a picture of at least 1×1`);
  if (width * height > MAX_PIXELS) {
    const mp = ((width * height) / 1e6).toFixed(1);
    throw new InputError(
      `${path} is ${width}×${height} pixels (${mp} megapixels); the limit is ${MAX_PIXELS / 1e6} megapixels: scale the picture down first`,
    );
  }
  const channels = CHANNELS[bytes[25]!];
  if (channels === undefined) return; // an unknown colour type: the decoder says so
  const expected = rowBytes(width, height, channels * bytes[24]!, bytes[28] === 1);
  let inflated: number;
  try {
    inflated = inflateSync(idat(bytes), { maxOutputLength: Math.max(1, expected) }).length;
  } catch (e) {
    if ((e as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") return; // more data than needed: the decoder ignores the rest
    throw new InputError(
      `${path} is not a valid PNG image (its pixel data cannot be inflated: ${(e as Error).message}); expected a .png file or a .csv row of numbers`,
    );
  }
  if (inflated < expected) {
    throw new InputError(
      `${path} is truncated: its header announces ${width}×${height} pixels (${expected} bytes of rows) but its pixel data holds ${inflated} bytes`,
    );
  }
}
