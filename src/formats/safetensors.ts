/**
 * safetensors (huggingface/safetensors): an 8-byte little-endian header length N, N bytes of compact
 * JSON padded with spaces to a multiple of 8, then the tensors' raw little-endian bytes back to back.
 * The writer orders tensors as the reference serializer does (dtype alignment descending, then name),
 * so its output is byte-identical; the reader checks every offset, size and name before allocating.
 */
import { FormatError } from "../errors.js";

/** The safetensors dtypes read here (the ones model weights use). */
export type StDtype = "F64" | "F32" | "F16" | "BF16" | "I64" | "I32" | "I16" | "I8" | "U8" | "BOOL";

/** One tensor: values in a float64/float32/int32 array, written in `dtype`. */
export interface StTensor {
  name: string;
  dtype: StDtype;
  shape: number[];
  data: ArrayLike<number>;
}

/** Element size in bytes. */
const SIZE: Record<StDtype, number> = { F64: 8, I64: 8, F32: 4, I32: 4, F16: 2, BF16: 2, I16: 2, I8: 1, U8: 1, BOOL: 1 };
/** The reference crate's Dtype enum order (monotonic in size), by which it sorts, largest first. */
const RANK: Record<StDtype, number> = { BOOL: 0, U8: 1, I8: 2, I16: 5, F16: 7, BF16: 8, I32: 9, F32: 11, F64: 12, I64: 13 };
/** The reference reader's limit on the header. */
const MAX_HEADER = 100_000_000;

/** Serializes tensors (and string metadata) exactly as the reference `serialize` does. */
export function encodeSafetensors(tensors: readonly StTensor[], metadata?: Record<string, string>): Uint8Array {
  const names = new Set<string>();
  for (const t of tensors) {
    if (names.has(t.name) || t.name === "__metadata__") throw new FormatError(`safetensors: duplicate or reserved tensor name "${t.name}"`);
    names.add(t.name);
    const n = t.shape.reduce((a, b) => a * b, 1);
    if (n !== t.data.length) throw new FormatError(`safetensors: tensor "${t.name}" has shape [${t.shape.join(",")}] but ${t.data.length} values`);
  }
  const sorted = [...tensors].sort((a, b) => RANK[b.dtype] - RANK[a.dtype] || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const header: Record<string, unknown> = {};
  if (metadata) header.__metadata__ = metadata;
  let offset = 0;
  for (const t of sorted) {
    const end = offset + t.data.length * SIZE[t.dtype];
    header[t.name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, end] };
    offset = end;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil(json.length / 8) * 8;
  const out = new Uint8Array(8 + padded + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(padded), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + padded);
  let at = 8 + padded;
  for (const t of sorted) {
    for (let i = 0; i < t.data.length; i++, at += SIZE[t.dtype]) writeValue(view, at, t.dtype, t.data[i]!);
  }
  return out;
}

function writeValue(view: DataView, at: number, dtype: StDtype, v: number): void {
  switch (dtype) {
    case "F64": return view.setFloat64(at, v, true);
    case "F32": return view.setFloat32(at, v, true);
    case "I64": return view.setBigInt64(at, BigInt(Math.trunc(v)), true);
    case "I32": return view.setInt32(at, v, true);
    case "I16": return view.setInt16(at, v, true);
    case "I8": return view.setInt8(at, v);
    case "U8": case "BOOL": return view.setUint8(at, v);
    case "F16": return view.setUint16(at, toHalf(v), true);
    case "BF16": {
      const f = new DataView(new ArrayBuffer(4));
      f.setFloat32(0, v, true);
      return view.setUint16(at, f.getUint16(2, true), true);
    }
  }
}

/** A decoded tensor: float types come back as Float32Array (F64 as Float64Array), integers as Int32Array. */
export interface StDecoded {
  name: string;
  dtype: StDtype;
  shape: number[];
  data: Float32Array | Float64Array | Int32Array;
}

export interface StFile {
  metadata: Record<string, string>;
  tensors: StDecoded[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Parses and checks a safetensors file; every problem is a FormatError naming `where`. */
export function decodeSafetensors(bytes: Uint8Array, where: string): StFile {
  const fail = (what: string): never => {
    throw new FormatError(`safetensors: ${where}: ${what}`);
  };
  if (bytes.length < 8) fail(`the file has ${bytes.length} bytes, too short for the 8-byte header length`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n64 = view.getBigUint64(0, true);
  if (n64 > BigInt(MAX_HEADER)) fail(`header length ${n64} is over the 100 MB limit`);
  const n = Number(n64);
  if (8 + n > bytes.length) fail(`header length ${n} runs past the end of the file (${bytes.length} bytes): truncated`);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(8, 8 + n));
  } catch {
    return fail("the header is not valid UTF-8");
  }
  if (!text.startsWith("{")) fail("the header does not start with '{'");
  checkNoDuplicateKeys(text, fail);
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (e) {
    return fail(`the header is not valid JSON (${(e as Error).message})`);
  }
  if (!isObject(header)) return fail("the header is not a JSON object");
  const dataLength = bytes.length - 8 - n;
  const metadata: Record<string, string> = {};
  const infos: { name: string; dtype: StDtype; shape: number[]; begin: number; end: number }[] = [];
  for (const [name, info] of Object.entries(header)) {
    if (name === "__metadata__") {
      if (!isObject(info) || Object.values(info).some((v) => typeof v !== "string")) fail("__metadata__ must map strings to strings");
      Object.assign(metadata, info);
      continue;
    }
    if (!isObject(info)) return fail(`tensor "${name}" must be { dtype, shape, data_offsets }`);
    const dtype = info.dtype;
    if (typeof dtype !== "string" || !(dtype in SIZE)) fail(`tensor "${name}" has dtype ${JSON.stringify(dtype)}; expected one of ${Object.keys(SIZE).join(", ")}`);
    const shape = info.shape;
    if (!Array.isArray(shape) || shape.some((d) => !Number.isSafeInteger(d) || (d as number) < 0)) fail(`tensor "${name}" has an invalid shape ${JSON.stringify(shape)}`);
    const offs = info.data_offsets;
    if (!Array.isArray(offs) || offs.length !== 2 || offs.some((d) => !Number.isSafeInteger(d) || (d as number) < 0)) fail(`tensor "${name}" has invalid data_offsets ${JSON.stringify(offs)}`);
    const [begin, end] = offs as [number, number];
    const count = (shape as number[]).reduce((a, b) => a * b, 1);
    if (!Number.isSafeInteger(count * SIZE[dtype as StDtype]) || end - begin !== count * SIZE[dtype as StDtype]) {
      fail(`tensor "${name}" (${String(dtype)} [${(shape as number[]).join(",")}]) needs ${count * SIZE[dtype as StDtype]} bytes but data_offsets [${begin},${end}] give ${end - begin}`);
    }
    infos.push({ name, dtype: dtype as StDtype, shape: shape as number[], begin, end });
  }
  infos.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let expected = 0;
  for (const t of infos) {
    if (t.begin !== expected) fail(`tensor "${t.name}" starts at byte ${t.begin} of the data but the previous one ends at ${expected} (holes and overlaps are not allowed)`);
    expected = t.end;
  }
  if (expected !== dataLength) fail(`the tensors cover ${expected} data bytes but the file holds ${dataLength}: ${expected > dataLength ? "truncated" : "trailing bytes"}`);
  const base = 8 + n;
  const tensors = infos.map((t) => ({ name: t.name, dtype: t.dtype, shape: t.shape, data: readValues(view, base + t.begin, t.dtype, (t.end - t.begin) / SIZE[t.dtype], () => fail(`tensor "${t.name}" holds an I64 value outside ±2^31`)) }));
  return { metadata, tensors };
}

function readValues(view: DataView, at: number, dtype: StDtype, count: number, overflow: () => never): Float32Array | Float64Array | Int32Array {
  const size = SIZE[dtype];
  if (dtype === "F64") {
    const out = new Float64Array(count);
    for (let i = 0; i < count; i++) out[i] = view.getFloat64(at + i * size, true);
    return out;
  }
  if (dtype === "F32" || dtype === "F16" || dtype === "BF16") {
    const out = new Float32Array(count);
    for (let i = 0; i < count; i++) {
      const p = at + i * size;
      out[i] = dtype === "F32" ? view.getFloat32(p, true) : dtype === "F16" ? fromHalf(view.getUint16(p, true)) : bf16(view.getUint16(p, true));
    }
    return out;
  }
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const p = at + i * size;
    if (dtype === "I64") {
      const v = view.getBigInt64(p, true);
      if (v > 2147483647n || v < -2147483648n) overflow();
      out[i] = Number(v);
    } else out[i] = dtype === "I32" ? view.getInt32(p, true) : dtype === "I16" ? view.getInt16(p, true) : dtype === "I8" ? view.getInt8(p) : view.getUint8(p);
  }
  return out;
}

function bf16(bits: number): number {
  const f = new DataView(new ArrayBuffer(4));
  f.setUint32(0, bits << 16, true);
  return f.getFloat32(0, true);
}

/** IEEE half → number. */
export function fromHalf(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0) return s * m * 2 ** -24;
  if (e === 31) return m ? NaN : s * Infinity;
  return s * (1 + m / 1024) * 2 ** (e - 15);
}

/** number → IEEE half (round to nearest even through float32). */
export function toHalf(v: number): number {
  const f = new DataView(new ArrayBuffer(4));
  f.setFloat32(0, v, true);
  const x = f.getUint32(0, true);
  const sign = (x >>> 16) & 0x8000;
  const e = (x >>> 23) & 0xff;
  let m = x & 0x7fffff;
  if (e === 255) return sign | 0x7c00 | (m ? 0x200 : 0);
  let he = e - 127 + 15;
  if (he >= 31) return sign | 0x7c00;
  if (he <= 0) {
    if (he < -10) return sign;
    m |= 0x800000;
    const shift = 14 - he;
    const half = (m >> shift) + ((m >> (shift - 1)) & 1 && (m & ((1 << (shift - 1)) - 1) || (m >> shift) & 1) ? 1 : 0);
    return sign | half;
  }
  let hm = m >> 13;
  const rest = m & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && hm & 1)) {
    hm++;
    if (hm === 0x400) {
      hm = 0;
      he++;
      if (he >= 31) return sign | 0x7c00;
    }
  }
  return sign | (he << 10) | hm;
}

/** JSON.parse keeps the last of two equal keys silently; the format forbids them, so look for them first (one pass). */
export function checkNoDuplicateKeys(text: string, fail: (what: string) => never): void {
  const stack: (Set<string> | null)[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "{") {
      stack.push(new Set());
      expectKey = true;
    } else if (c === "[") {
      stack.push(null);
      expectKey = false;
    } else if (c === "}" || c === "]") stack.pop();
    else if (c === ",") expectKey = stack.length > 0 && stack[stack.length - 1] !== null;
    else if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      const keys = stack[stack.length - 1];
      if (expectKey && keys) {
        const key = text.slice(i + 1, j);
        if (keys.has(key)) fail(`the name "${key}" appears twice in the header`);
        keys.add(key);
      }
      expectKey = false;
      i = j;
    }
  }
}
