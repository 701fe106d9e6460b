/**
 * backprop in a real browser: src/index.ts is bundled for the browser (esbuild, ESM, code-split,
 * Node built-ins external), served from 127.0.0.1 with cross-origin isolation headers (COOP/COEP,
 * so SharedArrayBuffer and the wasm backend's worker threads are available), and test/browser/
 * scenario.ts runs in headless Chromium (Debian's /usr/bin/chromium driven by playwright-core)
 * and in Node. The two hosts must agree within float32 tolerance, training must lower the loss,
 * and the page must log no errors.
 *
 * Without Chromium the test is skipped with the reason and how to install it, except in CI (CI=true),
 * where a missing browser is a failure; BACKPROP_SKIP_BROWSER=1 skips it on purpose.
 */
import { build } from "esbuild";
import { existsSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { runScenario, type ScenarioResult } from "./scenario.js";

const here = dirname(fileURLToPath(import.meta.url));
const CHROMIUM = process.env.BACKPROP_CHROMIUM ?? "/usr/bin/chromium";
const IN_CI = process.env.CI === "true" || process.env.CI === "1";
const INSTALL = "install it (Debian/Ubuntu: apt-get install -y chromium) or point BACKPROP_CHROMIUM at a Chromium binary";
/** Why the browser test does not run here, or undefined when it runs (in CI a missing Chromium fails it instead). */
const SKIP_REASON =
  process.env.BACKPROP_SKIP_BROWSER === "1"
    ? "BACKPROP_SKIP_BROWSER=1"
    : !existsSync(CHROMIUM) && !IN_CI
      ? `Chromium not found at ${CHROMIUM}: ${INSTALL}`
      : undefined;
if (SKIP_REASON) process.stderr.write(`test/browser: skipped (${SKIP_REASON})\n`);
const CHROMIUM_ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

interface PageRun {
  result: ScenarioResult;
  workersCreated: number;
  errors: string[];
  warnings: string[];
}

/** Bundles the page entry (and with it the whole library) for the browser; returns URL path → file. */
async function bundle(): Promise<Map<string, { body: Uint8Array; type: string }>> {
  const outdir = join(tmpdir(), "bp-browser-bundle");
  const out = await build({
    entryPoints: [join(here, "page.ts")],
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    outdir,
    write: false,
    logLevel: "silent",
    external: ["node:*"],
  });
  const files = new Map<string, { body: Uint8Array; type: string }>();
  for (const f of out.outputFiles) files.set(`/${relative(outdir, f.path)}`, { body: f.contents, type: "text/javascript" });
  files.set("/", { body: readFileSync(join(here, "page.html")), type: "text/html" });
  return files;
}

/** Serves the files with the headers that make a page cross-origin isolated (except at /plain). */
async function serve(files: Map<string, { body: Uint8Array; type: string }>): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    // "/plain" is the same page without the isolation headers (no SharedArrayBuffer there)
    const file = files.get(path === "/plain" ? "/" : path);
    if (path !== "/plain") {
      res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
      res.setHeader("Cross-Origin-Embedder-Policy", "require-corp");
    }
    res.setHeader("Cross-Origin-Resource-Policy", "same-origin");
    if (!file) {
      res.statusCode = 404;
      res.end();
      return;
    }
    res.setHeader("Content-Type", file.type);
    res.end(file.body);
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  return server;
}

async function runInBrowser(browser: Browser, url: string): Promise<PageRun> {
  const page = await browser.newPage();
  const errors: string[] = [];
  const warnings: string[] = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console.error: ${m.text()}`);
    if (m.type() === "warning") warnings.push(m.text());
  });
  page.on("requestfailed", (r) => errors.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ""}`));
  page.on("response", (r) => {
    if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  await page.goto(url);
  type PageGlobals = { scenarioReady?: boolean; runScenario: () => Promise<ScenarioResult>; workersCreated: number };
  await page.waitForFunction(() => (globalThis as unknown as PageGlobals).scenarioReady === true, undefined, { timeout: 60_000 });
  const result = await page.evaluate(() => (globalThis as unknown as PageGlobals).runScenario());
  const workersCreated = await page.evaluate(() => (globalThis as unknown as PageGlobals).workersCreated);
  await page.close();
  return { result, workersCreated, errors, warnings };
}

/** max over i of |a − b| / (atol + rtol·|b|); ≤ 1 means every element agrees. */
function mismatch(a: readonly number[], b: readonly number[], rtol: number, atol: number): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    worst = Math.max(worst, Number.isNaN(x) || Number.isNaN(y) ? Infinity : Math.abs(x - y) / (atol + rtol * Math.abs(y)));
  }
  return worst;
}

describe.skipIf(SKIP_REASON !== undefined)(`backprop in headless Chromium${SKIP_REASON ? ` — skipped: ${SKIP_REASON}` : ""}`, () => {
  let browser: Browser | undefined;
  let server: Server | undefined;
  let run: PageRun;
  let plain: PageRun;
  let node: ScenarioResult;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `browser test: Chromium not found at ${CHROMIUM} and CI=true, where it is required: ${INSTALL} ` +
          "(or set BACKPROP_SKIP_BROWSER=1 to skip this test on purpose).",
      );
    }
    const files = await bundle();
    server = await serve(files);
    const port = (server.address() as AddressInfo).port;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    run = await runInBrowser(browser, `http://127.0.0.1:${port}/`);
    plain = await runInBrowser(browser, `http://127.0.0.1:${port}/plain`);
    node = await runScenario();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((ok) => (server ? server.close(() => ok()) : ok()));
  });

  test("the page is cross-origin isolated, runs wasm by default and logs no errors", () => {
    expect(run.errors).toEqual([]);
    expect(run.result.crossOriginIsolated).toBe(true);
    expect(run.result.defaultBackend).toBe("wasm");
    expect(node.defaultBackend).toBe("wasm");
    expect(bp.getBackend()).toBe("wasm");
  });

  test.each(["matmul", "broadcast", "unary", "softmax", "logSoftmax", "reductions", "transpose", "conv2d", "maxPool2d", "avgPool2d"])(
    "op %s: browser agrees with Node",
    (name) => {
      const b = run.result.ops[name];
      const n = node.ops[name];
      expect(b?.length ?? 0).toBeGreaterThan(0);
      expect(mismatch(b!, n!, 1e-5, 1e-6)).toBeLessThanOrEqual(1);
    },
  );

  test.each(["value", "dW", "dImg", "dFilt", "second"])("gradient %s: browser agrees with Node", (name) => {
    const b = run.result.grads[name];
    const n = node.grads[name];
    expect(b?.length ?? 0).toBeGreaterThan(0);
    expect(mismatch(b!, n!, 1e-5, 1e-6)).toBeLessThanOrEqual(1);
  });

  test.each([0, 1])("training run %i (wasm, then js) lowers the loss and agrees with Node", (i) => {
    const b = run.result.train[i]!;
    const n = node.train[i]!;
    expect(b.backend).toBe(i === 0 ? "wasm" : "js");
    expect(b.loss).toHaveLength(25);
    expect(b.loss.at(-1)!).toBeLessThan(0.5 * b.loss[0]!);
    expect(b.accuracy.at(-1)!).toBeGreaterThan(0.9);
    expect(mismatch(b.loss, n.loss, 1e-4, 1e-5)).toBeLessThanOrEqual(1);
    expect(mismatch(b.predictions, n.predictions, 1e-4, 1e-5)).toBeLessThanOrEqual(1);
  });

  test("wasm and js backends train to the same losses in the browser", () => {
    const [wasm, js] = run.result.train;
    expect(mismatch(wasm!.loss, js!.loss, 1e-3, 1e-4)).toBeLessThanOrEqual(1);
  });

  test("threads: a 384×384 matmul at setThreads(2) matches setThreads(1), and helper workers ran shares", () => {
    const t = run.result.threads;
    const about = JSON.stringify({ ...t, sample: undefined, workersCreated: run.workersCreated, warnings: run.warnings });
    expect(t.threadsAfterSet2, about).toBe(2);
    expect(run.workersCreated, about).toBeGreaterThanOrEqual(1);
    expect(t.helpersReady, about).toBe(1);
    expect(t.helperShares, about).toBeGreaterThan(0);
    expect(t.maxAbsDiff, about).toBeLessThan(1e-3);
    expect(mismatch(t.sample, node.threads.sample, 1e-5, 1e-4)).toBeLessThanOrEqual(1);
  });

  test("without cross-origin isolation: wasm on one thread, no workers, the same results", () => {
    const r = plain.result;
    expect(plain.errors).toEqual([]);
    expect(r.crossOriginIsolated).toBe(false);
    expect(r.defaultBackend).toBe("wasm");
    expect(r.defaultThreads).toBe(1);
    expect(r.threads.threadsAfterSet2).toBe(1);
    expect(r.threads.helperShares).toBe(0);
    expect(plain.workersCreated).toBe(0);
    expect(r.threads.maxAbsDiff).toBe(0);
    expect(mismatch(r.threads.sample, node.threads.sample, 1e-5, 1e-4)).toBeLessThanOrEqual(1);
    for (const [name, values] of Object.entries(r.ops)) expect(mismatch(values, node.ops[name]!, 1e-5, 1e-6), name).toBeLessThanOrEqual(1);
    for (const [name, values] of Object.entries(r.grads)) expect(mismatch(values, node.grads[name]!, 1e-5, 1e-6), name).toBeLessThanOrEqual(1);
    for (const [i, t] of r.train.entries()) expect(mismatch(t.loss, node.train[i]!.loss, 1e-4, 1e-5), t.backend).toBeLessThanOrEqual(1);
  });
});
