/**
 * A minimal PNG encoder (8-bit grey, RGB or RGBA; deflate "stored" blocks, no compression) that
 * runs in browsers and Node alike, for the report's small images — a 28×28 digit is under 1 KB.
 * (pngjs needs Node's zlib and streams, so it serves the command line's PNG input instead.)
 */
import { concatBytes } from "../bytes.js";
import { ValueError } from "../errors.js";

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const v of bytes) {
    a = (a + v) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

function u32(v: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, v);
  return b;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const td = concatBytes([new TextEncoder().encode(type), data]);
  return concatBytes([u32(data.length), td, u32(crc32(td))]);
}

/** zlib stream of stored (uncompressed) deflate blocks. */
function zlibStored(raw: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [Uint8Array.from([0x78, 0x01])];
  const blocks = Math.max(1, Math.ceil(raw.length / 65535));
  for (let i = 0; i < blocks; i++) {
    const o = i * 65535;
    const len = Math.min(65535, raw.length - o);
    parts.push(Uint8Array.from([i === blocks - 1 ? 1 : 0, len & 0xff, len >> 8, ~len & 0xff, (~len >> 8) & 0xff]), raw.subarray(o, o + len));
  }
  parts.push(u32(adler32(raw)));
  return concatBytes(parts);
}

/**
 * PNG bytes for `width × height` pixels of `channels` (1 grey, 3 RGB, 4 RGBA) 8-bit values, row-major.
 *
 * @example
 * const bytes = bp.report.encodePng(2, 2, 1, [0, 255, 255, 0]);
 * Array.from(bytes.slice(0, 4));   // => [137, 80, 78, 71]
 */
export function encodePng(width: number, height: number, channels: 1 | 3 | 4, pixels: ArrayLike<number>): Uint8Array {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new ValueError(`encodePng: width and height must be positive integers, got ${width}×${height}`);
  }
  if (pixels.length !== width * height * channels) {
    throw new ValueError(`encodePng: ${pixels.length} values do not fill ${width}×${height}×${channels}`);
  }
  const stride = width * channels;
  const raw = new Uint8Array(height * (stride + 1));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < stride; x++) raw[y * (stride + 1) + 1 + x] = Math.max(0, Math.min(255, Math.round(pixels[y * stride + x] as number)));
  }
  const ihdr = concatBytes([u32(width), u32(height), Uint8Array.from([8, channels === 1 ? 0 : channels === 3 ? 2 : 6, 0, 0, 0])]);
  const signature = Uint8Array.from([137, 80, 78, 71, 13, 10, 26, 10]);
  return concatBytes([signature, chunk("IHDR", ihdr), chunk("IDAT", zlibStored(raw)), chunk("IEND", new Uint8Array(0))]);
}

/** Base64 of bytes (btoa exists in browsers and Node ≥ 16). */
export function base64(bytes: Uint8Array): string {
  let s = "";
  // eslint-disable-next-line no-restricted-syntax -- the spread is bounded: 32,768 bytes at a time
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/**
 * A `data:image/png;base64,...` URI for the pixels, to inline in HTML or SVG.
 *
 * @example
 * bp.report.pngDataUri(1, 1, 3, [255, 0, 0]).startsWith("data:image/png;base64,");   // => true
 */
export function pngDataUri(width: number, height: number, channels: 1 | 3 | 4, pixels: ArrayLike<number>): string {
  return `data:image/png;base64,${base64(encodePng(width, height, channels, pixels))}`;
}
