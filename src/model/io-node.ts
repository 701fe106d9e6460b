/**
 * Atomic directory writes for save (Node only; node:fs is imported on first use, see node-fs.ts).
 *
 * The files are written into a fresh temporary directory next to the target, each fsynced, then the
 * directory is renamed into place (an existing target is first moved aside to `.<name>.old` and removed
 * after). A crash at any point leaves either the previous model or the new one, never a mix: loadModel
 * falls back to `.<name>.old` when the target is missing.
 */
import { BackpropError, NotFoundError } from "../errors.js";
import { nodeModules, readRegularFile, type NodeFs } from "./node-fs.js";

/** The file-system calls save and load make (node:fs/promises, or a stand-in in tests). */
export type FsLike = Pick<NodeFs, "chmod" | "mkdir" | "mkdtemp" | "open" | "rename" | "rm" | "stat" | "readFile" | "realpath">;

export interface FileToWrite {
  name: string;
  data: Uint8Array | string;
}

async function exists(fs: FsLike, p: string): Promise<boolean> {
  try {
    await fs.stat(p);
    return true;
  } catch {
    return false;
  }
}

async function syncDir(fs: FsLike, dir: string): Promise<void> {
  let fh;
  try {
    fh = await fs.open(dir, "r");
    await fh.sync();
  } catch {
    // some platforms cannot fsync a directory; the file syncs still order the writes
  } finally {
    await fh?.close().catch(() => undefined);
  }
}

/** The sibling that holds the previous version while a save replaces it. */
export async function backupPath(dir: string): Promise<string> {
  const { path } = await nodeModules("save");
  const target = path.resolve(dir);
  return path.join(path.dirname(target), `.${path.basename(target)}.old`);
}

/** Writes `files` into directory `dir` atomically (see the module comment). */
export async function writeDirAtomic(op: string, dir: string, files: readonly FileToWrite[], fsOverride?: FsLike): Promise<void> {
  const { fs: nodeFs, path } = await nodeModules(op);
  const fs = fsOverride ?? nodeFs;
  const target = path.resolve(dir);
  const parent = path.dirname(target);
  const backup = await backupPath(target);
  await fs.mkdir(parent, { recursive: true });
  const hadTarget = await exists(fs, target);
  if (hadTarget && !(await fs.stat(target)).isDirectory()) {
    throw new BackpropError(`${op}: "${dir}" exists and is not a directory`);
  }
  const tmp = await fs.mkdtemp(path.join(parent, `.${path.basename(target)}.tmp-`));
  try {
    // mkdtemp makes the directory private (0700); a saved model is an ordinary directory
    await fs.chmod(tmp, 0o755);
    for (const f of files) {
      const fh = await fs.open(path.join(tmp, f.name), "w");
      try {
        await fh.writeFile(f.data);
        await fh.sync();
      } finally {
        await fh.close();
      }
    }
    await syncDir(fs, tmp);
    if (hadTarget) {
      await fs.rm(backup, { recursive: true, force: true });
      await fs.rename(target, backup);
    }
    try {
      await fs.rename(tmp, target);
    } catch (e) {
      if (hadTarget) await fs.rename(backup, target).catch(() => undefined);
      throw e;
    }
    await syncDir(fs, parent);
    await fs.rm(backup, { recursive: true, force: true });
  } catch (e) {
    await fs.rm(tmp, { recursive: true, force: true }).catch(() => undefined);
    if (e instanceof BackpropError) throw e;
    throw new BackpropError(`${op}: could not write "${dir}": ${(e as Error).message}`);
  }
}

/** The directory to load from: `dir`, its `.old` sibling when a save was cut off mid-replace, or `dir/model` (a `backprop train` run). */
export async function resolveSavedDir(op: string, dir: string, marker: string, fsOverride?: FsLike): Promise<string> {
  const { fs: nodeFs, path } = await nodeModules(op);
  const fs = fsOverride ?? nodeFs;
  const target = path.resolve(dir);
  if (await exists(fs, path.join(target, marker))) return target;
  const backup = await backupPath(target);
  if (await exists(fs, path.join(backup, marker))) return backup;
  // a run directory of `backprop train` holds the model in model/
  const run = path.join(target, "model");
  if (await exists(fs, path.join(run, marker))) return run;
  throw new NotFoundError(`${op}: no saved model in "${dir}" (${path.join(target, marker)} does not exist, nor ${path.join(run, marker)} of a run directory)`);
}

/**
 * Reads one file of a saved directory: a regular file inside it (links resolved and kept inside),
 * at most `maxBytes` long, and exactly `exactBytes` long when the manifest declares its size.
 */
export async function readFileIn(op: string, dir: string, name: string, limits: { maxBytes: number; exactBytes?: number; label?: string }, fsOverride?: FsLike): Promise<Uint8Array> {
  const { path } = await nodeModules(op);
  const label = limits.label ?? path.join(dir, name);
  return readRegularFile(op, path.join(dir, name), { ...limits, label, what: `${name} of a saved model`, within: dir, declaredBy: "model.json", fs: fsOverride });
}
