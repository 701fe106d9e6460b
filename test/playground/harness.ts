/**
 * The playground in a real browser for tests: builds playground/ from source into a temporary
 * folder, serves it with `backprop playground`'s own server on 127.0.0.1, and drives Debian's
 * Chromium with playwright-core. Screenshots go to test/playground/artifacts (git-ignored).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { servePlayground } from "../../src/cli/playground.js";

const here = dirname(fileURLToPath(import.meta.url));
export const CHROMIUM = process.env.BACKPROP_CHROMIUM ?? "/usr/bin/chromium";
export const SKIP = process.env.BACKPROP_SKIP_BROWSER === "1";
export const ARTIFACTS = join(here, "artifacts");
const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface Weights {
  name: string;
  kernel: number[];
  bias: number[];
}
export interface HookState {
  epoch: number;
  trainLoss: number;
  testLoss: number;
  playing: boolean;
  settings: Record<string, unknown>;
  trainAccuracy?: number;
  testAccuracy?: number;
  weights: Weights[];
  nan?: { message: string; layer: string };
  framesPerSecond: number;
  stepsPerSecond: number;
  threads: number;
  crossOriginIsolated: boolean;
  points: { train: number; test: number };
  regression?: boolean;
  confusion?: number[][];
  layers?: { name: string; gradientRms: number; gradients: number[]; activations: number[] }[];
  digits?: {
    digit?: number[];
    label?: number;
    maps?: Record<string, number[]>;
    cnnAccuracy?: number;
    probabilities?: number[];
  };
  race?: {
    search: { random: number[]; local: number[]; gradient: number[] };
    optimizers: Record<string, number[][]>;
  };
  walk?: {
    loss: number;
    checkGrad: { maxRelError: number; ok: boolean };
    numeric: number[];
    gradients: { name: string; kernel: number[]; bias: number[] }[];
    edges: number;
  };
}
interface Hook {
  state(): HookState;
  step(n: number): Promise<void>;
  play(): void;
  pause(): void;
  reset(): Promise<void>;
}
declare const window: { backpropPlayground: Hook };

export class Playground {
  browser!: Browser;
  server!: Server;
  url = "";
  /** The built site (a temporary folder). */
  dir = "";

  async start(): Promise<void> {
    this.dir = mkdtempSync(join(tmpdir(), "bp-playground-"));
    // the build script is plain JavaScript (it runs with node alone); its type is declared here
    const { buildPlayground } = (await import("../../playground/build.mjs")) as {
      buildPlayground(out: string): Promise<string>;
    };
    await buildPlayground(this.dir);
    const s = await servePlayground(this.dir, 0);
    this.server = s.server;
    this.url = s.url;
    this.browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
    mkdirSync(ARTIFACTS, { recursive: true });
  }

  async stop(): Promise<void> {
    await this.browser?.close();
    await new Promise<void>((ok) => (this.server ? this.server.close(() => ok()) : ok()));
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }

  /** A new page at `hash`, once its first update has arrived; page errors are collected in `errors`. */
  async open(
    hash = "",
    viewport = { width: 1280, height: 900 },
    search = "",
  ): Promise<{ page: Page; errors: string[] }> {
    const page = await this.browser.newPage({ viewport, acceptDownloads: true });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(`console.error: ${m.text()}`);
    });
    await page.goto(`${this.url}${search}${hash ? `#${hash}` : ""}`);
    await page.waitForFunction(
      () =>
        window.backpropPlayground?.state().points.train > 0 &&
        window.backpropPlayground.state().weights.length > 0,
      undefined,
      {
        timeout: 60_000,
      },
    );
    return { page, errors };
  }
}

export const state = (page: Page): Promise<HookState> =>
  page.evaluate(() => window.backpropPlayground.state());
export const step = (page: Page, n: number): Promise<void> =>
  page.evaluate((k) => window.backpropPlayground.step(k), n);
/** Waits until `pred` holds for the hook's state (polling in the page). */
export async function until(page: Page, pred: string, timeout = 60_000): Promise<void> {
  const js = `(() => { const h = window.backpropPlayground; if (!h) return false; const s = h.state(); return ${pred}; })()`;
  await page.waitForFunction(js, undefined, { timeout, polling: 50 });
}
export async function shot(page: Page, name: string): Promise<void> {
  writeFileSync(join(ARTIFACTS, `${name}.png`), await page.screenshot({ fullPage: true }));
}
export const flatWeights = (ws: Weights[]): number[] => ws.flatMap((w) => [...w.kernel, ...w.bias]);

/**
 * Opens the page at `query`, trains `steps` steps, and saves what the button `button` downloads
 * (named `file`, checked) into a new temporary folder; `check` gets its path, the folder and the
 * page's weights. The folder is removed and the page closed afterwards.
 */
export async function downloadAfterTraining(
  app: Playground,
  query: string,
  steps: number,
  button: string,
  file: string,
  check: (path: string, dir: string, weights: number[]) => Promise<void>,
): Promise<void> {
  const { page } = await app.open(query);
  await step(page, steps);
  const weights = flatWeights((await state(page)).weights);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: button }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(file);
  const dir = mkdtempSync(join(tmpdir(), "bp-pg-download-"));
  try {
    const path = join(dir, file);
    await download.saveAs(path);
    await check(path, dir, weights);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await page.close();
  }
}

/**
 * The app served for the enclosing describe block: started before its tests (a missing Chromium is a
 * failure there, since the block is skipped only by BACKPROP_SKIP_BROWSER), stopped after them.
 */
export function servedPlayground(): Playground {
  const app = new Playground();
  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(
        `playground test: Chromium not found at ${CHROMIUM} (apt-get install -y chromium, or set BACKPROP_CHROMIUM)`,
      );
    await app.start();
  }, 120_000);
  afterAll(() => app.stop(), 30_000);
  return app;
}
