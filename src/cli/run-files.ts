/**
 * A training run's directory: `model/` (model.json + weights.bin, as model.save writes them),
 * `run.json` (data set, class names, input preprocessing), `results.json` (history and test scores)
 * and `report.html`. It is written into a temporary sibling directory and renamed into place at the
 * end, so a failed or interrupted run leaves nothing half-written.
 */
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { mkdir, readFile, rename, rmdir, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { loadModel } from "../model/index.js";
import type { Sequential } from "../model/index.js";
import type { Preprocessing } from "./datasets.js";
import { InputError, UsageError } from "./exit.js";

export interface RunInfo {
  format: "backprop-run";
  version: 1;
  dataset: string;
  model: string;
  classNames: string[];
  inputShape: number[];
  preprocessing: Preprocessing;
  createdAt: string;
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

/** A staging directory next to `out`, removed again if the process stops before `commit`. */
export class RunWriter {
  readonly staging: string;
  private done = false;
  private readonly cleanup = (): void => this.abort();

  constructor(readonly out: string) {
    const abs = resolve(out);
    this.staging = join(dirname(abs), `.${basename(abs)}.partial-${process.pid}`);
    process.once("exit", this.cleanup);
  }

  async begin(): Promise<void> {
    await mkdir(this.staging, { recursive: true });
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
    await mkdir(dirname(resolve(this.out)), { recursive: true });
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
    try {
      const parsed = JSON.parse(await readFile(p, "utf8")) as RunInfo;
      if (parsed.format === "backprop-run") info = parsed;
    } catch (e) {
      throw new InputError(`${p} is not valid JSON: ${(e as Error).message}`);
    }
    break;
  }
  return { model, info, modelDir };
}
