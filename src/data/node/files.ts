/**
 * Node-only file access for the data loaders: whole files (gunzipped when they start with the gzip
 * magic bytes) and chunked streams. Loaded with a dynamic import, so browsers never see node:fs.
 * Only regular files are read (a FIFO or a device is refused before a byte is read), and no more
 * than a size limit is read or inflated.
 */
import { createGunzip, gunzipSync } from "node:zlib";
import { BackpropError, FormatError, NotFoundError } from "../../errors.js";
import { openRegularFile, readAll } from "../../model/node-fs.js";

const isGzip = (b: Uint8Array): boolean => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
/** The most bytes a data file may hold, or inflate to (V8's longest string is ~512 MiB). */
export const MAX_DATA_FILE_BYTES = 2 ** 29;

async function openData(op: string, path: string, what: string): Promise<Awaited<ReturnType<typeof openRegularFile>>> {
  try {
    return await openRegularFile(op, path, { label: path, what, maxBytes: 2 ** 32 });
  } catch (e) {
    if (e instanceof NotFoundError && / does not exist/.test(e.message)) throw new NotFoundError(`${op}: file not found: ${path} (expected ${what})`);
    if (e instanceof FormatError && /\(a directory\)/.test(e.message)) throw new NotFoundError(`${op}: ${path} is a directory; expected ${what}`);
    throw e;
  }
}

/** The bytes of a file, decompressed if it is gzipped, at most `maxBytes` of them. Errors name the file and what was expected. */
export async function readBytes(op: string, path: string, what: string, maxBytes = MAX_DATA_FILE_BYTES): Promise<Uint8Array> {
  const { handle, size } = await openData(op, path, what);
  let raw: Uint8Array;
  try {
    if (size > maxBytes) throw new FormatError(`${op}: ${path} has ${size} bytes, more than the limit of ${maxBytes}; expected ${what}`);
    raw = await readAll(handle, size);
  } finally {
    await handle.close().catch(() => undefined);
  }
  if (!isGzip(raw)) return raw;
  try {
    return gunzipSync(raw, { maxOutputLength: maxBytes });
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === "ERR_BUFFER_TOO_LARGE") throw new FormatError(`${op}: ${path} inflates to more than the limit of ${maxBytes} bytes; expected ${what}`);
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

  private constructor(
    stream: AsyncIterable<Buffer>,
    readonly path: string,
    /** The file's size when it is not compressed (so a declared size can be checked before reading). */
    readonly plainSize?: number,
    private readonly release: () => void = () => undefined,
    private readonly gzip = false,
  ) {
    this.it = stream[Symbol.asyncIterator]();
  }

  /**
   * Opens a regular file. Gzipped files are inflated as they are read, 16 KiB of input at a time, so
   * a reader that stops early (a bad header, more data than declared) inflates little more than it read.
   */
  static async open(op: string, path: string, what: string): Promise<ChunkReader> {
    const { handle, size } = await openData(op, path, what);
    let gzip: boolean;
    try {
      const head = new Uint8Array(2);
      const { bytesRead } = await handle.read(head, 0, 2, 0);
      gzip = isGzip(head.subarray(0, bytesRead));
    } catch (e) {
      await handle.close().catch(() => undefined);
      throw e instanceof BackpropError ? e : new NotFoundError(`${op}: cannot read ${path} (expected ${what}): ${(e as Error).message}`);
    }
    const file = handle.createReadStream({ start: 0, highWaterMark: gzip ? 1 << 14 : 1 << 20 });
    const stream = gzip ? file.pipe(createGunzip({ chunkSize: 1 << 16 })) : file;
    if (gzip) file.on("error", (e) => stream.destroy(e));
    return new ChunkReader(stream, path, gzip ? undefined : size, () => file.destroy(), gzip);
  }

  /** Up to n bytes: fewer only at the end of the data. */
  async readAtMost(n: number): Promise<Uint8Array> {
    await this.fill(n);
    return this.take(Math.min(n, this.buffered));
  }

  private async fill(n: number): Promise<void> {
    while (this.buffered < n && !this.done) {
      let r: IteratorResult<Buffer>;
      try {
        r = await this.it.next();
      } catch (e) {
        if (e instanceof BackpropError) throw e;
        throw new FormatError(this.gzip
          ? `${this.path} starts like a gzip file but cannot be decompressed (${(e as Error).message})`
          : `${this.path} cannot be read to its end (${(e as Error).message})`);
      }
      if (r.done) this.done = true;
      else {
        this.chunks.push(r.value);
        this.buffered += r.value.length;
      }
    }
  }

  /** Exactly n bytes, or null at the very end of the data; throws if the data ends mid-way. */
  async read(n: number): Promise<Uint8Array | null> {
    await this.fill(n);
    if (this.buffered === 0 && this.done) return null;
    if (this.buffered < n) throw new FormatError(`${this.path} is truncated: it ends ${this.buffered} bytes into a ${n}-byte record`);
    return this.take(n);
  }

  private take(n: number): Uint8Array {
    const all = this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks);
    const out = all.subarray(0, n);
    const rest = all.subarray(n);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered = rest.length;
    return out;
  }

  /** Stops reading and releases the file. */
  async close(): Promise<void> {
    try {
      await this.it.return?.();
    } finally {
      this.release();
    }
  }
}
