/* global process, console */
// Builds the playground into playground/dist (or the folder given as the first argument): the page,
// its stylesheet, and two ES-module bundles, main.js (the page, no library) and worker.js (the
// training worker with the whole backprop library, wasm backend included). Any static host serves it.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

/** Writes the static site into `outdir`; returns the folder. */
export async function buildPlayground(outdir = join(here, "dist")) {
  const out = resolve(outdir);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  await build({
    entryPoints: { main: join(here, "src", "main.ts"), worker: join(here, "src", "worker.ts") },
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    outdir: out,
    external: ["node:*"],
    logLevel: "warning",
    minify: true,
    sourcemap: false,
  });
  copyFileSync(join(here, "index.html"), join(out, "index.html"));
  copyFileSync(join(here, "style.css"), join(out, "style.css"));
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = await buildPlayground(process.argv[2]);
  console.log(`playground built into ${out}`);
}
