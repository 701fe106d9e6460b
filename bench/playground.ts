/**
 * `npm run bench:playground`: epochs per second of the playground (backprop in its worker, wasm
 * backend, as the page runs it: training slices plus the loss, accuracy and drawings after each) for
 * the default network [4, 2] and a 6×8 network on 500 training points, batch 10, against
 * TensorFlow.js (cpu, wasm, webgl where they start) training the same networks with the same batch
 * size in the same headless Chromium; and the page's frame rate while it trains.
 *
 *   npm run bench:playground                 # 8 s per measurement, 3 rounds, medians
 *   npm run bench:playground -- --seconds 4 --rounds 1
 *   npm run bench:playground -- --baseline 83c24b4   # also the page of that commit, in the same rounds
 */
import { build } from "esbuild";
import { execSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { servePlayground } from "../src/cli/playground.js";
import { args, median } from "./lib/spec.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const opt = args(process.argv.slice(2));
const SECONDS = Number(opt.seconds ?? 8);
const ROUNDS = Number(opt.rounds ?? 3);
const BASELINE = opt.baseline === undefined ? undefined : String(opt.baseline);
const CHROMIUM = process.env.BACKPROP_CHROMIUM ?? "/usr/bin/chromium";
const NETS: { name: string; layers: number[] }[] = [
  { name: "default [4, 2]", layers: [4, 2] },
  { name: "6×8", layers: [8, 8, 8, 8, 8, 8] },
];

/** The TensorFlow.js page (bundled from npm), its wasm binaries, with the isolation headers. */
async function tfjsServer(): Promise<{ url: string; close(): void }> {
  const out = await build({
    entryPoints: [join(root, "bench/playground-tfjs-page.ts")],
    bundle: true,
    format: "esm",
    platform: "browser",
    write: false,
    minify: true,
    logLevel: "silent",
  });
  const js = out.outputFiles[0]?.contents ?? new Uint8Array();
  const wasmDir = join(root, "node_modules/@tensorflow/tfjs-backend-wasm/dist");
  const html =
    '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module" src="/tfjs.js"></script>';
  const server = createServer((req, res) => {
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Cross-Origin-Embedder-Policy", "require-corp");
    const path = req.url ?? "/";
    if (path === "/") res.setHeader("Content-Type", "text/html").end(html);
    else if (path === "/tfjs.js") res.setHeader("Content-Type", "text/javascript").end(js);
    else if (/^\/tfjs-wasm\/[\w-]+\.wasm$/.test(path))
      res.setHeader("Content-Type", "application/wasm").end(readFileSync(join(wasmDir, path.slice(11))));
    else res.writeHead(404).end();
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => server.close() };
}

interface PageState {
  epoch: number;
  framesPerSecond: number;
  updatesPerSecond?: number;
  playing: boolean;
  threads: number;
}
declare const window: { backpropPlayground: { state(): PageState; play(): void; pause(): void } };

/** The playground page training `layers` for SECONDS: epochs/s and the lowest frame rate seen. */
async function playground(
  browser: Browser,
  url: string,
  layers: number[],
): Promise<{ eps: number; minFps: number; minUps: number; threads: number }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${url}#points=1000&trainRatio=50&seed=1&layers=${layers.join(",")}`);
  await page.waitForFunction(() => window.backpropPlayground?.state().threads > 0, undefined, {
    timeout: 60_000,
  });
  await page.evaluate(() => window.backpropPlayground.play());
  await page.waitForTimeout(1500); // warm-up: V8 optimizes the training loop
  const t0 = Date.now();
  const e0 = (await page.evaluate(() => window.backpropPlayground.state())).epoch;
  let minFps = Infinity;
  let minUps = Infinity;
  while (Date.now() - t0 < SECONDS * 1000) {
    await page.waitForTimeout(1000);
    const s = await page.evaluate(() => window.backpropPlayground.state());
    minFps = Math.min(minFps, s.framesPerSecond);
    minUps = Math.min(minUps, s.updatesPerSecond ?? NaN);
  }
  const s = await page.evaluate(() => window.backpropPlayground.state());
  const eps = (s.epoch - e0) / ((Date.now() - t0) / 1000);
  await page.close();
  return { eps, minFps, minUps, threads: s.threads };
}

async function tfjs(
  browser: Browser,
  url: string,
  backend: string,
  layers: number[],
): Promise<number | string> {
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForFunction("globalThis.tfjsReady === true", undefined, { timeout: 60_000 });
  const r = await page.evaluate(
    ([b, l, s]) =>
      (
        globalThis as unknown as {
          runTfjs(
            b: string,
            l: number[],
            s: number,
          ): Promise<{ backend: string; epochsPerSecond?: number; error?: string }>;
        }
      ).runTfjs(b, l, s),
    [backend, layers, SECONDS] as [string, number[], number],
  );
  await page.close();
  if (r.error !== undefined) return r.error;
  if (r.backend !== backend) return `fell back to ${r.backend}`;
  return r.epochsPerSecond ?? NaN;
}

type Build = { buildPlayground(out: string): Promise<string> };
/** The playground (and the library under it) of git revision `rev`, built into a temporary folder. */
async function buildRevision(rev: string): Promise<string> {
  const src = mkdtempSync(join(tmpdir(), "bp-pg-base-src-"));
  execSync(
    `git archive --format=tar ${JSON.stringify(rev)} playground src package.json tsconfig.json | tar -x -C ${JSON.stringify(src)}`,
    { cwd: root },
  );
  symlinkSync(join(root, "node_modules"), join(src, "node_modules"));
  const out = mkdtempSync(join(tmpdir(), "bp-pg-base-"));
  await ((await import(join(src, "playground", "build.mjs"))) as Build).buildPlayground(out);
  rmSync(src, { recursive: true, force: true });
  return out;
}

const dir = mkdtempSync(join(tmpdir(), "bp-pg-bench-"));
const { buildPlayground } = (await import("../playground/build.mjs")) as Build;
await buildPlayground(dir);
const app = await servePlayground(dir, 0);
const baseDir = BASELINE === undefined ? undefined : await buildRevision(BASELINE);
const base = baseDir === undefined ? undefined : await servePlayground(baseDir, 0);
const tf = await tfjsServer();
// no --disable-gpu: WebGL gets its software rasterizer (SwiftShader) if the GPU is missing
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: [
    "--no-sandbox",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
console.log(
  `bench:playground — ${cpus().length} cores, load ${load()}, ${SECONDS} s per measurement, ${ROUNDS} round(s), 500 training points, batch 10`,
);
const rows: string[] = [];
try {
  for (const net of NETS) {
    const ours: number[] = [];
    const fps: number[] = [];
    const ups: number[] = [];
    const theirs: Record<string, (number | string)[]> = { cpu: [], wasm: [], webgl: [] };
    const baseline: number[] = [];
    const baseFps: number[] = [];
    let threads = 0;
    for (let r = 0; r < ROUNDS; r++) {
      if (base) {
        const b = await playground(browser, base.url, net.layers);
        baseline.push(b.eps);
        baseFps.push(b.minFps);
      }
      const p = await playground(browser, app.url, net.layers);
      ours.push(p.eps);
      fps.push(p.minFps);
      ups.push(p.minUps);
      threads = p.threads;
      for (const b of Object.keys(theirs)) theirs[b]?.push(await tfjs(browser, tf.url, b, net.layers));
    }
    const med = (xs: (number | string)[]): number | string =>
      xs.every((x) => typeof x === "number")
        ? median(xs as number[])
        : (xs.find((x) => typeof x === "string") ?? "–");
    const t = Object.fromEntries(Object.entries(theirs).map(([k, v]) => [k, med(v)]));
    const fastest = Math.max(...Object.values(t).filter((v): v is number => typeof v === "number"));
    const m = median(ours);
    const fmt = (v: number | string): string => (typeof v === "number" ? v.toFixed(1) : v);
    if (base) {
      const b = median(baseline);
      rows.push(
        `| ${net.name}, page of ${BASELINE} | ${b.toFixed(1)} | ${fmt(t["cpu"] ?? "–")} | ${fmt(t["wasm"] ?? "–")} | ${fmt(t["webgl"] ?? "–")} | ${(b / fastest).toFixed(2)}× | ${Math.min(...baseFps)} |`,
      );
      console.log(
        `${net.name}: page of ${BASELINE} ${baseline.map((v) => v.toFixed(1)).join(", ")} epochs/s; this page ${(m / b).toFixed(2)}× as fast`,
      );
    }
    rows.push(
      `| ${net.name} | ${m.toFixed(1)} (${threads} thread${threads === 1 ? "" : "s"}) | ${fmt(t["cpu"] ?? "–")} | ${fmt(t["wasm"] ?? "–")} | ${fmt(t["webgl"] ?? "–")} | ${(m / fastest).toFixed(2)}× | ${Math.min(...fps)} |`,
    );
    console.log(
      `${net.name}: playground ${ours.map((v) => v.toFixed(1)).join(", ")} epochs/s (frames/s ≥ ${Math.min(...fps)}, updates/s ≥ ${Math.min(...ups)}); tfjs ${JSON.stringify(theirs)}`,
    );
  }
} finally {
  await browser.close();
  app.server.close();
  base?.server.close();
  tf.close();
  rmSync(dir, { recursive: true, force: true });
  if (baseDir) rmSync(baseDir, { recursive: true, force: true });
}
console.log(
  "\n| network | backprop playground, epochs/s | tfjs cpu | tfjs wasm | tfjs webgl | vs fastest tfjs | page frames/s (lowest) |",
);
console.log("|---|---|---|---|---|---|---|");
for (const r of rows) console.log(r);
console.log(
  `\nTarget: ≥ 3× the fastest TensorFlow.js backend while the page draws at ≥ 30 frames/s. Load at the end: ${load()}.`,
);
