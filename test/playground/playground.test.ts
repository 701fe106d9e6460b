/**
 * The playground through the page, as a person uses it (controls, clicks, upload, download) with the
 * read-only hook `window.backpropPlayground` to read numbers; in Debian's headless Chromium against
 * the app's own server. Set BACKPROP_SKIP_BROWSER=1 to skip.
 */
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { run } from "../../src/cli/main.js";
import {
  downloadAfterTraining,
  flatWeights,
  shot,
  SKIP,
  state,
  step,
  until,
  servedPlayground,
} from "./harness.js";

describe.skipIf(SKIP)("playground in headless Chromium (BACKPROP_SKIP_BROWSER=1 skips)", () => {
  const app = servedPlayground();

  test("the app's server makes the page cross-origin isolated; it trains in a worker with no errors", async () => {
    const { page, errors } = await app.open();
    const s = await state(page);
    expect(s.crossOriginIsolated).toBe(true);
    expect(s.threads).toBeGreaterThanOrEqual(1);
    await page.getByRole("button", { name: "Step" }).click();
    await until(page, "s.epoch === 1");
    await page.getByRole("button", { name: "Play" }).click();
    await until(page, "s.epoch >= 20 && s.playing");
    await page.getByRole("button", { name: "Pause" }).click();
    await until(page, "!s.playing");
    const paused = (await state(page)).epoch;
    await page.waitForTimeout(300); // a paused run must stay put: the epoch does not move any more
    expect((await state(page)).epoch).toBe(paused);
    expect(await page.locator("#epoch").textContent()).toBe(String(paused).padStart(7, "0"));
    await shot(page, "main");
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  test("from a plain static host (no COOP/COEP) the page trains on one thread", async () => {
    const server = createServer((req, res) => {
      const path = (req.url ?? "/").split(/[?#]/)[0] ?? "/";
      const name = path === "/" ? "index.html" : path.slice(1);
      if (!/^[\w.-]+$/.test(name)) return void res.writeHead(404).end();
      readFile(join(app.dir, name)).then(
        (body) =>
          res
            .writeHead(200, {
              "Content-Type": name.endsWith(".js")
                ? "text/javascript"
                : name.endsWith(".html")
                  ? "text/html"
                  : name.endsWith(".css")
                    ? "text/css"
                    : "application/octet-stream",
            })
            .end(body),
        () => res.writeHead(404).end(),
      );
    });
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    const page = await app.browser.newPage();
    try {
      await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/#seed=2`);
      await until(page, "s.weights.length > 0");
      await step(page, 3);
      const s = await state(page);
      expect(s.crossOriginIsolated).toBe(false);
      expect(s.threads).toBe(1);
      expect(s.epoch).toBe(3);
    } finally {
      await page.close();
      server.close();
    }
  }, 60_000);

  test("the training loss falls on every data set with the default network", async () => {
    const { page, errors } = await app.open("seed=3");
    for (const dataset of ["circle", "xor", "gauss", "spiral", "plane", "multigauss"]) {
      await page.selectOption("#dataset", dataset);
      await until(
        page,
        `s.settings.dataset === "${dataset}" && s.epoch === 0 && Number.isFinite(s.trainLoss)`,
      );
      const before = (await state(page)).trainLoss;
      await step(page, 40);
      const after = await state(page);
      expect(after.epoch).toBe(40);
      expect(after.trainLoss, dataset).toBeLessThan(before);
      expect(page.url()).toContain(`dataset=${dataset}`);
    }
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  test("a URL gives the same data and weights on reload and after reset", async () => {
    const hash =
      "dataset=spiral&seed=42&layers=5,3&activation=relu&noise=10&batchSize=7&optimizer=adam&learningRate=0.01";
    const { page } = await app.open(hash);
    const w0 = flatWeights((await state(page)).weights);
    await step(page, 10);
    const w10 = flatWeights((await state(page)).weights);
    expect(w10).not.toEqual(w0);
    const url = page.url();
    expect(url).toContain("seed=42");
    const again = await app.open(url.split("#")[1]);
    expect(flatWeights((await state(again.page)).weights)).toEqual(w0);
    await step(again.page, 10);
    expect(flatWeights((await state(again.page)).weights)).toEqual(w10);
    await again.page.getByRole("button", { name: "Reset" }).click();
    await until(again.page, "s.epoch === 0");
    expect(flatWeights((await state(again.page)).weights)).toEqual(w0);
    expect(new URL(again.page.url()).hash).toBe(new URL(url).hash);
    await page.close();
    await again.page.close();
  }, 90_000);

  test("the exported run replays in the CLI to the same weights, bit for bit", async () => {
    await downloadAfterTraining(
      app,
      "dataset=xor&seed=5&layers=6,4&optimizer=momentum&learningRate=0.03&schedule=cosine&regularization=l2&regRate=0.001",
      15,
      "Download run (JSON)",
      "run.json",
      async (file, dir, weights) => {
        const out: string[] = [];
        const io = {
          out: { write: (s: string) => void out.push(s), isTTY: false },
          err: { write: (s: string) => void out.push(s), isTTY: false },
        };
        const code = await run(["train", "--config", file, "--json", "--out", join(dir, "model")], io);
        expect(code, out.join("")).toBe(0);
        expect(JSON.parse(out.join("")).weightsMatch).toBe(true);
        const model = await bp.loadModel(join(dir, "model"));
        const cli = model.getWeights().flatMap((w) => Array.from(w.dataSync()));
        expect(cli).toEqual(weights.map(Math.fround));
        const run1 = JSON.parse(readFileSync(file, "utf8")) as { fit: { epochs: number } };
        expect(run1.fit.epochs).toBe(15);
      },
    );
  }, 90_000);

  test("a CSV upload trains, and a broken file is refused with the line named", async () => {
    const { page } = await app.open("seed=2");
    const rng = new bp.Rng(9);
    const rows = ["x1,x2,label"];
    for (let i = 0; i < 200; i++) {
      const c = i % 2;
      rows.push(`${(c ? 10 : 30) + 3 * rng.normal()},${(c ? 5 : -5) + 2 * rng.normal()},${c ? "yes" : "no"}`);
    }
    await page.setInputFiles("#csv", {
      name: "mine.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(rows.join("\n")),
    });
    await until(
      page,
      `s.settings.dataset === "custom" && s.points.train + s.points.test === 200 && s.epoch === 0`,
    );
    const before = (await state(page)).trainLoss;
    await step(page, 20);
    const after = await state(page);
    expect(after.trainLoss).toBeLessThan(before);
    expect(after.testAccuracy).toBeGreaterThan(0.9);
    await page.setInputFiles("#csv", {
      name: "bad.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("x1,x2,label\n1,2,a\n3,oops,b\n"),
    });
    await expect.poll(() => page.locator("#error").textContent()).toContain("bad.csv, line 3");
    await page.close();
  }, 90_000);

  test("drawn points become the data set", async () => {
    const { page } = await app.open("seed=4");
    await page.check("#draw");
    const box = await page.locator("#heat").boundingBox();
    if (!box) throw new Error("no heat map");
    const before = (await state(page)).points;
    await page.locator("#heat").click({ position: { x: box.width * 0.2, y: box.height * 0.2 } });
    await until(
      page,
      `s.settings.dataset === "custom" && s.points.train + s.points.test === ${before.train + before.test + 1}`,
    );
    await page.close();
  }, 60_000);

  test("a stop condition pauses at its epoch; a preset sets its URL and says why", async () => {
    const { page } = await app.open("seed=3&stopEpoch=20");
    await page.getByRole("button", { name: "Play" }).click();
    await until(page, "!s.playing && s.epoch === 20");
    await page.waitForTimeout(200);
    expect((await state(page)).epoch).toBe(20);
    await page.selectOption("#preset", { label: "XOR: the product feature" });
    await until(
      page,
      's.settings.dataset === "xor" && s.settings.layers.length === 0 && s.weights.length === 1',
    );
    expect(page.url()).toContain("features=xTimesY");
    expect(await page.locator("#preset-why").textContent()).toMatch(/sign of x·y/);
    await page.close();
  }, 60_000);

  test("the NaN guard pauses at learning rate 10 and the rollback restores finite weights", async () => {
    const { page } = await app.open("dataset=plane&learningRate=10&seed=1");
    await page.getByRole("button", { name: "Play" }).click();
    await until(page, "s.nan !== undefined && !s.playing");
    const s = await state(page);
    expect(s.nan?.message).toMatch(/learning rate 10 is too high/);
    await expect.poll(() => page.locator("#nan").isVisible()).toBe(true);
    await shot(page, "nan-guard");
    await page.getByRole("button", { name: "Go back to the last finite weights" }).click();
    await until(page, "s.nan === undefined");
    const back = await state(page);
    expect(flatWeights(back.weights).every(Number.isFinite)).toBe(true);
    expect(Number.isFinite(back.trainLoss)).toBe(true);
    expect(back.epoch).toBeLessThanOrEqual(s.epoch);
    await page.close();
  }, 90_000);

  test("at 360 px wide nothing overflows sideways; the controls work from the keyboard", async () => {
    const { page } = await app.open("", { width: 360, height: 740 });
    const overflow = await page.evaluate("document.documentElement.scrollWidth - window.innerWidth");
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(page, "narrow-360");
    await page.getByRole("button", { name: "Step" }).focus();
    await page.keyboard.press("Enter");
    await until(page, "s.epoch === 1");
    await page.locator("#learningRate").focus();
    await page.keyboard.press("ArrowDown");
    await until(page, "s.settings.learningRate === 0.1");
    await page.close();
  }, 60_000);
});
