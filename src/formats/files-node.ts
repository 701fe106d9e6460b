/**
 * File access for the formats (Node only; node:fs is imported on first use, see model/node-fs.ts):
 * size-checked reads and atomic single-file writes (temp file, fsync, rename), so a failed save
 * leaves the previous file as it was.
 */
import { BackpropError, FormatError } from "../errors.js";
import { nodeModules } from "../model/node-fs.js";

/** Files larger than this are refused before reading (2 GiB, V8's typed-array limit on many builds). */
export const MAX_FILE_BYTES = 2 ** 31 - 1;

/** "file", "dir" or "missing". */
export async function pathKind(op: string, p: string): Promise<"file" | "dir" | "missing"> {
  const { fs } = await nodeModules(op);
  try {
    const st = await fs.stat(p);
    return st.isDirectory() ? "dir" : "file";
  } catch {
    return "missing";
  }
}

/** Reads a whole file after checking its size. */
export async function readFileChecked(op: string, p: string, limit = MAX_FILE_BYTES): Promise<Uint8Array> {
  const { fs } = await nodeModules(op);
  let size: number;
  try {
    const st = await fs.stat(p);
    // a device or FIFO reports size 0 and never ends (/dev/zero) or waits for a writer: not read at all
    if (!st.isFile()) throw new FormatError(`${op}: "${p}" is not a regular file (a device, FIFO or socket); expected a model file`);
    size = st.size;
  } catch (e) {
    if (e instanceof FormatError) throw e;
    throw new BackpropError(`${op}: cannot read "${p}": ${(e as Error).message}`);
  }
  if (size > limit) throw new FormatError(`${op}: "${p}" has ${size} bytes, over the ${limit}-byte limit`);
  try {
    const buf = await fs.readFile(p);
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  } catch (e) {
    throw new BackpropError(`${op}: cannot read "${p}": ${(e as Error).message}`);
  }
}

/** Writes `files` (name relative to the directory of `target`, or `target` itself) each through a temp file and rename. */
export async function writeFilesAtomic(op: string, files: readonly { path: string; data: Uint8Array | string }[]): Promise<void> {
  const { fs, path } = await nodeModules(op);
  const temps: { tmp: string; final: string }[] = [];
  try {
    for (const f of files) {
      const final = path.resolve(f.path);
      await fs.mkdir(path.dirname(final), { recursive: true });
      const tmp = path.join(path.dirname(final), `.${path.basename(final)}.tmp-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}-${temps.length}`);
      temps.push({ tmp, final });
      const fh = await fs.open(tmp, "w");
      try {
        await fh.writeFile(f.data);
        await fh.sync();
      } finally {
        await fh.close();
      }
    }
    for (const t of temps) await fs.rename(t.tmp, t.final);
  } catch (e) {
    for (const t of temps) await fs.rm(t.tmp, { force: true }).catch(() => undefined);
    if (e instanceof BackpropError) throw e;
    throw new BackpropError(`${op}: could not write "${files[0]?.path ?? ""}": ${(e as Error).message}`);
  }
}

/** path.join / dirname / basename / extname without importing node:path in the core. */
export async function pathTools(op: string): Promise<typeof import("node:path")> {
  return (await nodeModules(op)).path;
}

/** A fresh private directory under the OS's temp directory, and a function that removes it. */
export async function tempDir(op: string): Promise<{ dir: string; remove: () => Promise<void> }> {
  const { fs, path } = await nodeModules(op);
  const osName = "node:os";
  const os = (await import(/* @vite-ignore */ osName)) as typeof import("node:os");
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "backprop-"));
  return { dir, remove: () => fs.rm(dir, { recursive: true, force: true }) };
}
