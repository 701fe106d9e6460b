/**
 * PNG bytes ⇄ image tensors, in browsers and Node alike (fast-png: pure JavaScript). A decoded image
 * is a float32 tensor [height, width, channels] with values in [0, 1]; channels as stored (1 grey,
 * 2 grey + alpha, 3 RGB, 4 RGBA) unless `channels` asks for another count.
 *
 *   const img = bp.data.decodePng(bytes);          // [h, w, c] in [0, 1]
 *   const png = bp.data.encodePng(img);            // Uint8Array
 */
import { convertIndexedToRgb, decode, encode, type DecodedPng } from "fast-png";
import { FormatError, fmtShape, ShapeError, ValueError } from "../errors.js";
import { makeTensor, type Tensor } from "../tensor/tensor.js";

/**
 * Images larger than this many pixels are refused before any pixel buffer is allocated.
 *
 * @example
 * bp.image.MAX_PNG_PIXELS;   // => 268435456
 */
export const MAX_PNG_PIXELS = 1 << 28;

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * Options of decodePng and loadImage: the channel count to convert to.
 *
 * @example
 * const options: bp.data.DecodePngOptions = { channels: 1 };   // grey, whatever the file holds
 * bp.data.decodePng(bp.data.encodePng(bp.ones([4, 4, 3])), options).shape;   // => [4, 4, 1]
 */
export interface DecodePngOptions {
  /** Convert to this many channels: 1 grey, 3 RGB or 4 RGBA (alpha dropped or set to 1). Default: as stored. */
  channels?: 1 | 3 | 4;
}

function asBytes(op: string, bytes: unknown): Uint8Array {
  if (bytes instanceof Uint8Array) return bytes;
  if (bytes instanceof ArrayBuffer) return new Uint8Array(bytes);
  throw new ValueError(`${op}: expected the PNG file's bytes as a Uint8Array or ArrayBuffer, got ${bytes === null ? "null" : typeof bytes}`);
}

/** Checks the signature and the header's size before fast-png allocates anything. */
function checkHeader(op: string, b: Uint8Array): void {
  if (b.length < 24 || SIGNATURE.some((v, i) => b[i] !== v)) {
    throw new FormatError(`${op}: not a PNG image (${b.length} bytes, without the PNG signature)`);
  }
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  if (width === 0 || height === 0 || width * height > MAX_PNG_PIXELS) {
    throw new FormatError(`${op}: the PNG header gives ${width}×${height} pixels; expected 1 to ${MAX_PNG_PIXELS} pixels`);
  }
}

/** One sample per pixel channel as numbers in [0, 1], whatever the bit depth or palette. */
function samples(png: DecodedPng): { values: Float32Array; channels: number } {
  if (png.palette) {
    const rgb = convertIndexedToRgb(png as Parameters<typeof convertIndexedToRgb>[0]);
    const channels = rgb.length / (png.width * png.height);
    return { values: Float32Array.from(rgb, (v) => v / 255), channels };
  }
  const n = png.width * png.height * png.channels;
  const max = 2 ** png.depth - 1;
  const out = new Float32Array(n);
  if (png.depth >= 8) {
    for (let i = 0; i < n; i++) out[i] = (png.data[i] as number) / max;
    return { values: out, channels: png.channels };
  }
  // 1, 2 and 4-bit grey: samples packed into bytes, each row starting on a byte
  const perRow = png.width * png.channels;
  const rowBytes = Math.ceil((perRow * png.depth) / 8);
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < perRow; x++) {
      const bit = x * png.depth;
      const byte = png.data[y * rowBytes + (bit >> 3)] as number;
      out[y * perRow + x] = ((byte >> (8 - png.depth - (bit & 7))) & max) / max;
    }
  }
  return { values: out, channels: png.channels };
}

/** Converts interleaved pixels from `from` to `to` channels (grey ⇄ colour, alpha dropped or added as 1). */
function convertChannels(v: Float32Array, from: number, to: number): Float32Array {
  if (from === to) return v;
  const pixels = v.length / from;
  const out = new Float32Array(pixels * to);
  for (let p = 0; p < pixels; p++) {
    const s = p * from;
    const grey = from <= 2;
    const r = v[s] as number;
    const g = grey ? r : (v[s + 1] as number);
    const b = grey ? r : (v[s + 2] as number);
    const d = p * to;
    if (to === 1) out[d] = 0.299 * r + 0.587 * g + 0.114 * b;
    else {
      out[d] = r;
      out[d + 1] = g;
      out[d + 2] = b;
      if (to === 4) out[d + 3] = from === 2 || from === 4 ? (v[s + from - 1] as number) : 1;
    }
  }
  return out;
}

/**
 * Decodes PNG bytes into a float32 tensor [height, width, channels] with values in [0, 1] (any bit
 * depth, palette or interlacing). Bytes that are not a PNG are a FormatError.
 *
 * @example
 * const bytes = bp.data.encodePng(bp.full([28, 28, 1], 0.5));   // e.g. fetched or read from a file
 * const img = bp.data.decodePng(bytes, { channels: 3 });
 * img.shape;   // => [28, 28, 3]
 */
export function decodePng(bytes: Uint8Array | ArrayBuffer, options: DecodePngOptions = {}): Tensor {
  const b = asBytes("decodePng", bytes);
  const want = options.channels;
  if (want !== undefined && want !== 1 && want !== 3 && want !== 4) {
    throw new ValueError(`decodePng: channels must be 1, 3 or 4, got ${String(want)}`);
  }
  checkHeader("decodePng", b);
  let png: DecodedPng;
  try {
    png = decode(b);
  } catch (e) {
    throw new FormatError(`decodePng: the PNG data is damaged or truncated (${(e as Error).message})`);
  }
  const { values, channels } = samples(png);
  const c = want ?? channels;
  return makeTensor([png.height, png.width, c], "float32", convertChannels(values, channels, c));
}

/**
 * Encodes an image tensor — [height, width] or [height, width, channels] with 1 to 4 channels,
 * values in [0, 1] (clipped, rounded to 8 bits) — as PNG bytes.
 *
 * @example
 * const bytes = bp.data.encodePng(bp.ones([28, 28, 1]).mul(0.5));
 * Array.from(bytes.slice(1, 4), (b) => String.fromCharCode(b)).join("");   // => "PNG"
 */
export function encodePng(image: Tensor): Uint8Array {
  const shape = image.shape;
  const channels = shape.length === 2 ? 1 : (shape[2] ?? 0);
  if ((shape.length !== 2 && shape.length !== 3) || channels < 1 || channels > 4 || image.size === 0) {
    throw new ShapeError(`encodePng: expected an image of shape [height, width] or [height, width, 1–4 channels], got ${fmtShape(shape)}`);
  }
  const src = image.dataSync();
  const data = new Uint8Array(src.length);
  for (let i = 0; i < src.length; i++) {
    const v = src[i] as number;
    if (Number.isNaN(v)) throw new ValueError(`encodePng: the image contains NaN at element ${i}; expected values in [0, 1]`);
    data[i] = Math.round(Math.min(1, Math.max(0, v)) * 255);
  }
  return encode({ width: shape[1] as number, height: shape[0] as number, data, channels, depth: 8 });
}
