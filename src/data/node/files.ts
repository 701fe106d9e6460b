/**
 * Node-only file access for the data loaders: whole files (gunzipped when they start with the gzip
 * magic bytes) and chunked streams. Loaded with a dynamic import, so browsers never see node:fs.
 */
import { createReadStream } from "node:fs";
import { open, readFile } from "node:fs/promises";
import { createGunzip, gunzipSync } from "node:zlib";
import { FormatError, NotFoundError } from "../../errors.js";

const isGzip = (b: Uint8Array): boolean => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

function fileError(op: string, path: string, what: string, e: unknown): Error {
  const code = (e as { code?: string }).code;
  if (code === "ENOENT") return new NotFoundError(`${op}: file not found: ${path} (expected ${what})`);
  if (code === "EISDIR") return new NotFoundError(`${op}: ${path} is a directory; expected ${what}`);
  return new NotFoundError(`${op}: cannot read ${path} (expected ${what}): ${(e as Error).message}`);
}

/** The bytes of a file, decompressed if it is gzipped. Errors name the file and what was expected. */
export async function readBytes(op: string, path: string, what: string): Promise<Uint8Array> {
  let raw: Uint8Array;
  try {
    raw = await readFile(path);
  } catch (e) {
    throw fileError(op, path, what, e);
  }
  if (!isGzip(raw)) return raw;
  try {
    return gunzipSync(raw);
  } catch (e) {
    throw new FormatError(`${op}: ${path} starts like a gzip file but cannot be decompressed (${(e as Error).message}); expected ${what}`);
  }
}

/** A file's text (UTF-8). */
export async function readText(op: string, path: string, what: string): Promise<string> {
  return new TextDecoder().decode(await readBytes(op, path, what));
}

/** Reads exact byte counts from a file stream (gunzipped on the fly when gzipped). */
export class ChunkReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private readonly it: AsyncIterator<Buffer>;
  private done = false;

  private constructor(stream: AsyncIterable<Buffer>, readonly path: string) {
    this.it = stream[Symbol.asyncIterator]();
  }

  static async open(op: string, path: string, what: string): Promise<ChunkReader> {
    let head: Uint8Array;
    try {
      const fh = await open(path, "r");
      const buf = Buffer.alloc(2);
      const { bytesRead } = await fh.read(buf, 0, 2, 0);
      await fh.close();
      head = buf.subarray(0, bytesRead);
    } catch (e) {
      throw fileError(op, path, what, e);
    }
    const file = createReadStream(path, { highWaterMark: 1 << 20 });
    const stream = isGzip(head) ? file.pipe(createGunzip()) : file;
    return new ChunkReader(stream, path);
  }

  /** Exactly n bytes, or null at the very end of the data; throws if the data ends mid-way. */
  async read(n: number): Promise<Uint8Array | null> {
    while (this.buffered < n && !this.done) {
      const r = await this.it.next();
      if (r.done) this.done = true;
      else {
        this.chunks.push(r.value);
        this.buffered += r.value.length;
      }
    }
    if (this.buffered === 0 && this.done) return null;
    if (this.buffered < n) throw new FormatError(`${this.path} is truncated: it ends ${this.buffered} bytes into a ${n}-byte record`);
    const all = this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks);
    const out = all.subarray(0, n);
    const rest = all.subarray(n);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered = rest.length;
    return out;
  }

  /** Stops reading and releases the file. */
  async close(): Promise<void> {
    await this.it.return?.();
  }
}
