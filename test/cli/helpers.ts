/** Running the command line in-process with captured output, and files for its tests. */
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { run } from "../../src/cli/main.js";

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
