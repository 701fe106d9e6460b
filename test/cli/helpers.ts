/** Running the command line in-process with captured output, and files for its tests. */
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { run } from "../../src/cli/main.js";
import { buildModel } from "../../src/cli/models.js";

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** `backprop ...args` in this process. */
export async function cli(...args: string[]): Promise<Result> {
  let stdout = "";
  let stderr = "";
  const code = await run(args, {
    out: { write: (s) => void (stdout += s), isTTY: false },
    err: { write: (s) => void (stderr += s), isTTY: false },
  });
  return { code, stdout, stderr };
}

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/**
 * Hang guard for tests that start processes: generous, since a loaded machine can take many times
 * longer than an idle one to start Node and load the library.
 */
export const PROCESS_TIMEOUT = 120_000;

/** `bin/backprop.js ...args` as a child process, as a user runs it. */
export function bin(...args: string[]): Result {
  const r = spawnSync(process.execPath, [join(root, "bin", "backprop.js"), ...args], { encoding: "utf8", timeout: PROCESS_TIMEOUT });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export const tmp = (prefix: string): string => mkdtempSync(join(tmpdir(), prefix));

/** Saves an untrained model of the command line's `kind` ("mlp", "cnn") for 28×28 digits at `path`. */
export async function saveUntrained(kind: string, path: string): Promise<void> {
  const { model } = await buildModel(kind, [28, 28, 1], 10);
  model.compile({ optimizer: "adam", loss: "categoricalCrossentropy", metrics: ["accuracy"] });
  await model.save(path);
}

/** A `bin/backprop.js` child process under way, with its output so far. */
export interface Running {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves once stderr matches `re` (rejects if the process ends first). */
  waitForStderr(re: RegExp): Promise<void>;
  /** Resolves when the process has ended: its exit code, or the signal that ended it. */
  ended: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** Starts `bin/backprop.js ...args` without waiting (for tests that signal it); `opts` as for spawn. */
export function start(args: string[], opts: SpawnOptions = {}): Running {
  const child = spawn(process.execPath, [join(root, "bin", "backprop.js"), ...args], { stdio: ["ignore", "pipe", "pipe"], ...opts });
  let out = "";
  let err = "";
  const watchers: { re: RegExp; resolve: () => void }[] = [];
  child.stdout?.on("data", (d: Buffer) => void (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => {
    err += d.toString();
    for (const w of watchers.splice(0)) {
      if (w.re.test(err)) w.resolve();
      else watchers.push(w);
    }
  });
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) => {
    child.on("close", (code, signal) => resolve({ code, signal, stdout: out, stderr: err }));
  });
  const waitForStderr = (re: RegExp): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      if (re.test(err)) return resolve();
      watchers.push({ re, resolve });
      void ended.then((r) => reject(new Error(`backprop ended (code ${r.code}, signal ${r.signal}) before stderr matched ${re}:\n${r.stderr}`)));
    });
  return { child, stdout: () => out, stderr: () => err, waitForStderr, ended };
}
