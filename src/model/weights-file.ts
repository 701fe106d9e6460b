/**
 * weights.bin: the model's (and the optimizer's) tensors back to back, little-endian float32 / int32
 * (float64 for float64 tensors), described by a manifest kept in model.json: name, shape, dtype,
 * byte offset and length of each, plus the file's total length and CRC-32 so that a truncated or
 * corrupted file is detected on load.
 */
import { bytesPerElement, DTYPES, makeTypedArray, type DType, type TypedArray } from "../backend/dtype.js";
import { FormatError } from "../errors.js";
import { sizeOf, type Tensor } from "../tensor/tensor.js";

export interface WeightEntry {
  name: string;
  shape: number[];
  dtype: DType;
  offset: number;
  byteLength: number;
  /** "model" for layer weights (Keras order), "optimizer" for optimizer slots. */
  group: "model" | "optimizer";
}

export interface WeightsManifest {
  file: string;
  byteLength: number;
  crc32: number;
  weights: WeightEntry[];
}

export interface DecodedWeight {
  name: string;
  group: WeightEntry["group"];
  shape: number[];
  dtype: DType;
  data: TypedArray;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (IEEE), as zip and PNG use. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = (CRC_TABLE[(c ^ bytes[i]!) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Packs tensors into one buffer and its manifest. */
export function encodeWeights(items: readonly { name: string; tensor: Tensor; group: WeightEntry["group"] }[], file = "weights.bin"): { manifest: WeightsManifest; bytes: Uint8Array } {
  const entries: WeightEntry[] = [];
  let offset = 0;
  for (const { name, tensor, group } of items) {
    const byteLength = tensor.size * bytesPerElement(tensor.dtype);
    entries.push({ name, shape: [...tensor.shape], dtype: tensor.dtype, offset, byteLength, group });
    offset += byteLength;
  }
  const bytes = new Uint8Array(offset);
  const view = new DataView(bytes.buffer);
  items.forEach(({ tensor }, i) => {
    const e = entries[i]!;
    const data = tensor.dataSync();
    for (let j = 0; j < data.length; j++) {
      const at = e.offset + j * bytesPerElement(e.dtype);
      if (e.dtype === "int32") view.setInt32(at, data[j]!, true);
      else if (e.dtype === "float64") view.setFloat64(at, data[j]!, true);
      else view.setFloat32(at, data[j]!, true);
    }
  });
  return { manifest: { file, byteLength: bytes.length, crc32: crc32(bytes), weights: entries }, bytes };
}

/** Checks the manifest and the bytes against each other and unpacks the tensors' data. */
export function decodeWeights(manifest: WeightsManifest, bytes: Uint8Array, where = "weights.bin"): DecodedWeight[] {
  if (bytes.length !== manifest.byteLength) {
    throw new FormatError(`loadModel: ${where} has ${bytes.length} bytes but model.json says ${manifest.byteLength}; the file is ${bytes.length < manifest.byteLength ? "truncated" : "too long"}`);
  }
  const sum = crc32(bytes);
  if (sum !== manifest.crc32) {
    throw new FormatError(`loadModel: ${where} is corrupted: CRC-32 ${sum.toString(16)} differs from ${manifest.crc32.toString(16)} recorded in model.json`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return manifest.weights.map((e) => {
    if (!DTYPES.includes(e.dtype)) throw new FormatError(`loadModel: weight "${e.name}" has unknown dtype "${String(e.dtype)}"`);
    if (!Array.isArray(e.shape) || e.shape.some((d) => !Number.isInteger(d) || d < 0)) throw new FormatError(`loadModel: weight "${e.name}" has an invalid shape ${JSON.stringify(e.shape)}`);
    const n = sizeOf(e.shape);
    const width = bytesPerElement(e.dtype);
    if (e.byteLength !== n * width || e.offset < 0 || e.offset + e.byteLength > bytes.length) {
      throw new FormatError(`loadModel: weight "${e.name}" (shape [${e.shape.join(",")}], ${e.dtype}) does not fit bytes ${e.offset}..${e.offset + e.byteLength} of ${where} (${bytes.length} bytes)`);
    }
    const data = makeTypedArray(e.dtype, n);
    for (let j = 0; j < n; j++) {
      const at = e.offset + j * width;
      data[j] = e.dtype === "int32" ? view.getInt32(at, true) : e.dtype === "float64" ? view.getFloat64(at, true) : view.getFloat32(at, true);
    }
    return { name: e.name, group: e.group, shape: e.shape, dtype: e.dtype, data };
  });
}
