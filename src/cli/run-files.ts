/**
 * A training run's directory: `model/` (model.json + weights.bin, as model.save writes them),
 * `run.json` (data set, class names, input preprocessing), `results.json` (history and test scores)
 * and `report.html`. It is written into a temporary sibling directory and renamed into place at the
 * end, so a failed or interrupted run leaves nothing half-written.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { rename, rmdir, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { loadModel } from "../model/index.js";
import type { Sequential } from "../model/index.js";
import type { Preprocessing, TargetScaling, Task } from "./datasets.js";
import { InputError, UsageError } from "./exit.js";
import { readInputText } from "./read-input.js";

export interface RunInfo {
  format: "backprop-run";
  version: 1;
  dataset: string;
  model: string;
  classNames: string[];
  inputShape: number[];
  preprocessing: Preprocessing;
  /** "classification" when absent (runs before regression existed). */
  task?: Task;
  /** Regression: the target's standardization, undone on the model's outputs. */
  target?: TargetScaling;
  /** A csv run's label column (its dataset is csv:<absolute path>), so evaluate needs no flags. */
  label?: string;
  /** The seed of the run's train/test split. */
  seed?: number;
  createdAt: string;
  /** Set when a signal stopped training early: the model is the one trained up to that point. */
  interrupted?: InterruptedAt;
}

/** Where a signal stopped training: in epoch `epoch` of `epochs` (from 1), after batch `batch` of `batches`. */
export interface InterruptedAt {
  signal: string;
  epoch: number;
  epochs: number;
  batch: number;
  batches: number;
}

/** `runs/2025-01-31T12-00-00` under the current directory. */
export function defaultOutDir(now = new Date()): string {
  return join("runs", now.toISOString().slice(0, 19).replace(/:/g, "-"));
}

/** Fails early (before any training) if --out exists and is not an empty directory. */
export function checkOutDir(out: string): void {
  if (!existsSync(out)) return;
  let entries: string[];
  try {
    entries = readdirSync(out);
  } catch {
    throw new UsageError(`--out ${out} exists and is not a directory; choose a new directory`);
  }
  if (entries.length > 0) throw new UsageError(`--out ${out} already exists and is not empty; choose a new directory`);
}

/** `--out`'s parent, made if missing; a path through a file or that may not be written is a UsageError. */
function makeParent(out: string, parent: string): void {
  let existing = parent;
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  if (!statSync(existing).isDirectory()) throw new UsageError(`--out ${out}: ${existing} is not a directory; choose a directory path`);
  try {
    mkdirSync(parent, { recursive: true });
  } catch (e) {
    throw cannotWrite(out, existing, e);
  }
}

const REASONS: Record<string, string> = { EACCES: "permission denied", EPERM: "operation not permitted", EROFS: "read-only file system", ENOSPC: "no space left on the device" };

function cannotWrite(out: string, dir: string, e: unknown): Error {
  const code = (e as { code?: unknown }).code;
  if (typeof code === "string" && code in REASONS) return new UsageError(`--out ${out}: cannot write in ${dir} (${REASONS[code]}); choose another directory`);
  if (code === "ENOTDIR") return new UsageError(`--out ${out}: a part of the path is not a directory; choose a directory path`);
  return e as Error;
}

const STAGING = /^\..+\.partial-(\d+)$/;
const RUN_ENTRIES = new Set(["model", "run.json", "results.json", "report.html"]);

/** Whether process `pid` runs (EPERM: it runs, as another user). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: unknown }).code === "EPERM";
  }
}

/** Removes the staging directories in `parent` whose process (the pid in their name) is gone. */
export function removeStaleStaging(parent: string): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return removed;
  }
  for (const name of names) {
    const pid = Number(STAGING.exec(name)?.[1] ?? NaN);
    if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid || alive(pid)) continue;
    try {
      // only what a run writes: a directory of the user's that happens to match the name stays
      if (!readdirSync(join(parent, name)).every((e) => RUN_ENTRIES.has(e))) continue;
      rmSync(join(parent, name), { recursive: true, force: true });
      removed.push(name);
    } catch {
      // not ours to insist on: another run may be removing it too
    }
  }
  return removed;
}

/**
 * A staging directory next to `out` (named after this process's pid), made by `begin` before any
 * training so that an --out that cannot be written fails at once, and removed again if the process
 * stops before `commit`. A process killed outright leaves it; the next run in the same parent removes it.
 */
export class RunWriter {
  readonly staging: string;
  private readonly parent: string;
  private done = false;
  private readonly cleanup = (): void => this.abort();

  constructor(readonly out: string) {
    if (out === "") throw new UsageError("--out must not be empty; give a new directory (default ./runs/<timestamp>)");
    checkOutDir(out);
    const abs = resolve(out);
    this.parent = dirname(abs);
    this.staging = join(this.parent, `.${basename(abs)}.partial-${process.pid}`);
  }

  /** Makes the parent and the staging directory, and removes stale staging directories beside it. */
  begin(): void {
    makeParent(this.out, this.parent);
    removeStaleStaging(this.parent);
    try {
      rmSync(this.staging, { recursive: true, force: true }); // ours by its pid: a leftover of an earlier process
      mkdirSync(this.staging);
    } catch (e) {
      throw cannotWrite(this.out, this.parent, e);
    }
    process.once("exit", this.cleanup);
  }

  async writeText(name: string, text: string): Promise<void> {
    await writeFile(join(this.staging, name), text);
  }

  async saveModel(model: Sequential): Promise<void> {
    await model.save(join(this.staging, "model"));
  }

  /** Moves the finished run into place. */
  async commit(): Promise<void> {
    checkOutDir(this.out);
    if (existsSync(this.out)) await rmdir(this.out);
    await rename(this.staging, this.out);
    this.done = true;
    process.removeListener("exit", this.cleanup);
  }

  /** Removes the staging directory (on failure or interruption). */
  abort(): void {
    if (this.done) return;
    this.done = true;
    process.removeListener("exit", this.cleanup);
    rmSync(this.staging, { recursive: true, force: true });
  }
}

/** Finds the saved model in a run directory (or a model directory) and the run's info, if any. */
export async function openModel(dir: string): Promise<{ model: Sequential; info: RunInfo | undefined; modelDir: string }> {
  const candidates = [join(dir, "model"), dir];
  const modelDir = candidates.find((d) => existsSync(join(d, "model.json"))) ?? (existsSync(dir) && statSync(dir).isFile() ? dir : undefined);
  if (!modelDir) {
    throw new InputError(`no saved model in ${dir}: expected a run directory from \`backprop train\` (with model/model.json), a directory holding model.json, or a model file (.safetensors)`);
  }
  const model = await loadModel(modelDir);
  let info: RunInfo | undefined;
  for (const p of [join(dir, "run.json"), join(dirname(resolve(modelDir)), "run.json")]) {
    if (!existsSync(p)) continue;
    const text = await readInputText(p, "run.json of a training run", (detail) => `cannot read ${p} (${detail})`);
    try {
      const parsed = JSON.parse(text) as RunInfo;
      if (parsed.format === "backprop-run") info = parsed;
    } catch (e) {
      throw new InputError(`${p} is not valid JSON: ${(e as Error).message}`);
    }
    break;
  }
  return { model, info, modelDir };
}
