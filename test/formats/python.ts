/**
 * Runs Python checks where python3 (with the modules asked for) is installed. Outside CI a missing
 * interpreter or module skips the check and says so; with CI=true it is a failure.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

/** Debian's interpreter (where python3-torch installs), unless PYTHON names another. */
export const PYTHON = process.env.PYTHON ?? (existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3");

const cache = new Map<string, string | undefined>();

/** undefined when python3 can import every module, else the reason it cannot. */
export function pythonMissing(modules: string[]): string | undefined {
  const key = modules.join(",");
  if (!cache.has(key)) {
    const r = spawnSync(PYTHON, ["-c", `import ${modules.join(", ")}`], { encoding: "utf8", timeout: 60_000 });
    cache.set(key, r.status === 0 ? undefined : `python3 with ${modules.join(", ")} is not available (${(r.stderr || String(r.error ?? "")).trim().split("\n").pop()})`);
  }
  const missing = cache.get(key);
  if (missing && process.env.CI === "true") throw new Error(`${missing}; CI installs python3-torch python3-onnx python3-h5py python3-numpy (see .ci/run)`);
  if (missing) console.warn(`skipped: ${missing}`);
  return missing;
}

/** Runs a Python script (stdin) with arguments; returns stdout, throws with stderr on failure. */
export function runPython(script: string, args: string[] = [], timeout = 120_000): string {
  const r = spawnSync(PYTHON, ["-", ...args], { input: script, encoding: "utf8", timeout, maxBuffer: 64 * 2 ** 20 });
  if (r.status !== 0) throw new Error(`python3 failed (${r.status ?? r.signal}): ${r.stderr}`);
  return r.stdout;
}
