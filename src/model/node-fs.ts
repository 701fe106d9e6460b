/**
 * Node's file system, loaded on first use. The specifier is computed so browser bundlers leave it
 * alone: importing backprop in a browser never pulls in node:fs; only save / load / csvLogger need it.
 *
 * Files given by strangers are opened with `openRegularFile`: links are resolved (and refused when
 * they leave the directory the file must be in), FIFOs, devices and directories are refused before
 * a byte is read, and the size is known (and checked) before anything is allocated.
 */
import { BackpropError, FormatError, NotFoundError } from "../errors.js";

export type NodeFs = typeof import("node:fs/promises");
export type NodePath = typeof import("node:path");
type FileHandle = Awaited<ReturnType<NodeFs["open"]>>;

let cached: { fs: NodeFs; path: NodePath } | undefined;

/** node:fs/promises and node:path, or a BackpropError naming `op` outside Node. */
export async function nodeModules(op: string): Promise<{ fs: NodeFs; path: NodePath }> {
  if (cached) return cached;
  const fsName = "node:fs/promises";
  const pathName = "node:path";
  try {
    const [fs, path] = await Promise.all([
      import(/* @vite-ignore */ fsName) as Promise<NodeFs>,
      import(/* @vite-ignore */ pathName) as Promise<NodePath>,
    ]);
    cached = { fs, path };
    return cached;
  } catch (e) {
    throw new BackpropError(
      `${op}: needs Node's file system (node:fs), which is not available here: ${(e as Error).message}`,
    );
  }
}

/** The file-system calls openRegularFile makes. */
export type ReadFs = Pick<NodeFs, "open" | "realpath">;

export interface OpenOptions {
  /** How messages name the file, e.g. `runs/m/weights.bin`. */
  label: string;
  /** What the file should be, for messages ("a PNG picture"). */
  what: string;
  /** When given, the file (links resolved) must lie inside this directory. */
  within?: string;
  /** Largest size accepted, in bytes. */
  maxBytes: number;
  /** The size the file must have, when something (`declaredBy`) declares it. */
  exactBytes?: number;
  declaredBy?: string;
  fs?: ReadFs;
}

const kindOf = (st: {
  isDirectory(): boolean;
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
}): string =>
  st.isDirectory()
    ? "a directory"
    : st.isFIFO()
      ? "a FIFO"
      : st.isCharacterDevice() || st.isBlockDevice()
        ? "a device"
        : st.isSocket()
          ? "a socket"
          : "not a file";

function openError(op: string, o: OpenOptions, e: unknown): BackpropError {
  const code = (e as { code?: string }).code;
  if (code === "ENOENT") return new NotFoundError(`${op}: ${o.label} does not exist; expected ${o.what}`);
  if (code === "ELOOP") return new FormatError(`${op}: ${o.label} is a loop of links; expected ${o.what}`);
  return new NotFoundError(
    `${op}: cannot read ${o.label} (${code ?? (e as Error).message}); expected ${o.what}`,
  );
}

/**
 * Opens a regular file for reading without blocking (a FIFO would wait for a writer forever) and
 * returns the handle and its size. Throws NotFoundError for a missing file, FormatError for a link
 * leaving `within`, anything that is not a regular file, or a file above `maxBytes`.
 */
export async function openRegularFile(
  op: string,
  file: string,
  o: OpenOptions,
): Promise<{ handle: FileHandle; size: number }> {
  const { fs: nodeFs, path } = await nodeModules(op);
  const fs = o.fs ?? nodeFs;
  let real: string;
  try {
    real = await fs.realpath(file);
  } catch (e) {
    throw openError(op, o, e);
  }
  if (o.within !== undefined) {
    const dir = await fs.realpath(o.within).catch(() => path.resolve(o.within!));
    const rel = path.relative(dir, real);
    if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) {
      throw new FormatError(
        `${op}: ${o.label} links outside the model directory (to ${real}); only files inside it are read`,
      );
    }
  }
  const flags = nodeFs.constants.O_RDONLY | (nodeFs.constants.O_NONBLOCK ?? 0);
  let handle: FileHandle;
  try {
    handle = await fs.open(real, flags);
  } catch (e) {
    throw openError(op, o, e);
  }
  try {
    const st = await handle.stat();
    if (!st.isFile())
      throw new FormatError(`${op}: ${o.label} is not a regular file (${kindOf(st)}); expected ${o.what}`);
    if (o.exactBytes !== undefined && st.size !== o.exactBytes) {
      throw new FormatError(
        `${op}: ${o.label} has ${st.size} bytes but ${o.declaredBy ?? "its description"} says ${o.exactBytes}; the file is ${st.size < o.exactBytes ? "truncated" : "too long"}`,
      );
    }
    if (st.size > o.maxBytes)
      throw new FormatError(
        `${op}: ${o.label} has ${st.size} bytes, more than the limit of ${o.maxBytes} for ${o.what}`,
      );
    return { handle, size: st.size };
  } catch (e) {
    await handle.close().catch(() => undefined);
    throw e;
  }
}

/** Reads exactly `size` bytes from the start of an open file (fewer if it shrank meanwhile). */
export async function readAll(handle: FileHandle, size: number): Promise<Uint8Array> {
  const out = new Uint8Array(size);
  let at = 0;
  while (at < size) {
    const { bytesRead } = await handle.read(out, at, size - at, at);
    if (bytesRead === 0) return out.subarray(0, at);
    at += bytesRead;
  }
  return out;
}

/** The bytes of a regular file (see openRegularFile), read in one go after the checks. */
export async function readRegularFile(op: string, file: string, o: OpenOptions): Promise<Uint8Array> {
  const { handle, size } = await openRegularFile(op, file, o);
  try {
    return await readAll(handle, size);
  } finally {
    await handle.close().catch(() => undefined);
  }
}
