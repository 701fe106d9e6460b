/** Runs a snippet in a fresh Node process (with tsx) and reports what it threw and its peak memory. */
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const src = join(dirname(fileURLToPath(import.meta.url)), "..", "src", "index.ts");

export interface Isolated {
  /** The thrown error's class name and message, or undefined when the snippet finished. */
  error: { name: string; message: string } | undefined;
  /** Peak resident memory of the process, MB (getrusage's maxRSS). */
  peakMb: number;
  /** Peak resident memory of the same process before the snippet ran (Node, tsx and backprop loaded). */
  baselineMb: number;
}

/** `body` runs as the inside of an async function with `bp` (the library) in scope. */
export function isolated(body: string, timeoutMs = 60_000): Isolated {
  const script = `
    const bp = await import(${JSON.stringify(src)});
    bp.setBackend("js");
    const baseline = process.resourceUsage().maxRSS;
    let error;
    try { await (async () => { ${body} })(); } catch (e) { error = { name: e?.name, message: String(e?.message) }; }
    process.stdout.write(JSON.stringify({ error, peakMb: process.resourceUsage().maxRSS / 1024, baselineMb: baseline / 1024 }));`;
  const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    encoding: "utf8",
    timeout: timeoutMs,
  });
  if (r.status !== 0)
    throw new Error(
      `isolated snippet failed (status ${r.status}, signal ${r.signal}): ${r.stderr.slice(0, 2000)}`,
    );
  return JSON.parse(r.stdout) as Isolated;
}
