/**
 * The playground's own data and its code export, through the page in headless Chromium: a CSV of a
 * regression target trains the regression output, bad CSV files are refused with a message, and the
 * downloaded Node snippet, run with Node on the repository's source, reproduces the page's weights.
 */
import { execFile } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
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

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const upload = (name: string, text: string) => ({ name, mimeType: "text/csv", buffer: Buffer.from(text) });

describe.skipIf(SKIP)(
  "playground data and export in headless Chromium (BACKPROP_SKIP_BROWSER=1 skips)",
  () => {
    const app = servedPlayground();

    test("a CSV with a numeric target trains the regression output; bad files get a message, never NaN", async () => {
      const { page, errors } = await app.open("seed=2");
      // a smooth surface in the users' own units: price = 3.5 + 0.02·area − 0.4·age, with noise
      const rng = new bp.Rng(4);
      const rows = ["area,age,price"];
      for (let i = 0; i < 400; i++) {
        const area = 40 + 160 * rng.uniform();
        const age = 60 * rng.uniform();
        rows.push(
          `${area.toFixed(1)},${age.toFixed(1)},${(3.5 + 0.02 * area - 0.04 * age + 0.05 * rng.normal()).toFixed(3)}`,
        );
      }
      await page.setInputFiles("#csv", upload("homes.csv", rows.join("\n")));
      await until(
        page,
        `s.settings.dataset === "custom" && s.settings.classes === 1 && s.epoch === 0 && s.regression`,
      );
      expect(page.url()).toContain("classes=1");
      await expect
        .poll(() => page.locator("#csv-info").textContent())
        .toMatch(/homes\.csv: 400 rows, a regression target from/);
      const before = await state(page);
      expect(before.points.train + before.points.test).toBe(400);
      expect(before.trainAccuracy).toBeUndefined(); // no accuracy for a regression target
      expect(await page.locator("#acc-wrap").isHidden()).toBe(true);
      await step(page, 30);
      const after = await state(page);
      expect(Number.isFinite(after.trainLoss) && Number.isFinite(after.testLoss)).toBe(true);
      expect(after.trainLoss).toBeLessThan(before.trainLoss / 4);
      expect(flatWeights(after.weights).every(Number.isFinite)).toBe(true);
      await shot(page, "csv-regression");

      const bad: [string, string, RegExp][] = [
        ["cols.csv", "a,b,t\n1,2,0.5\n3,4,0.25,7\n5,6,1\n7,8,2\n", /cols\.csv, line 3: expected 3 columns/],
        [
          "words.csv",
          "a,b,t\n1,2,0.5\n3,4,0.25\n5,six,1\n7,8,2\n",
          /words\.csv, line 4: x1 and x2 must be finite numbers/,
        ],
        ["mixed.csv", "a,b,t\n1,2,0.5\n3,4,0.25\n5,6,n/a\n7,8,2\n", /mixed\.csv, line 4: .*"n\/a"/],
        ["few.csv", "a,b,t\n1,2,0.5\n3,4,0.25\n", /few\.csv: needs at least 4 data rows, got 2/],
      ];
      for (const [name, text, message] of bad) {
        await page.setInputFiles("#csv", upload(name, text));
        await expect.poll(() => page.locator("#error").textContent()).toMatch(message);
        expect(await page.locator("#error").isVisible()).toBe(true);
      }
      // the refused files left the trained regression run as it was
      const still = await state(page);
      expect(still.points.train + still.points.test).toBe(400);
      expect(still.epoch).toBe(30);
      expect(flatWeights(still.weights)).toEqual(flatWeights(after.weights));
      expect(errors).toEqual([]);
      await page.close();
    }, 90_000);

    test("the downloaded Node snippet reproduces the page's weights bit for bit", async () => {
      await downloadAfterTraining(
        app,
        "dataset=spiral&classes=3&seed=9&layers=5,4&activation=relu&optimizer=adam&learningRate=0.01&batchSize=16&dropout=0.1",
        12,
        "Download code snippet",
        "train-run.mjs",
        async (script, dir, weights) => {
          // `import "backprop"` resolves to this checkout's source, run through tsx
          const pkg = join(dir, "node_modules", "backprop");
          mkdirSync(pkg, { recursive: true });
          writeFileSync(
            join(pkg, "package.json"),
            JSON.stringify({ name: "backprop", type: "module", exports: "./index.ts" }),
          );
          writeFileSync(
            join(pkg, "index.ts"),
            `export * from ${JSON.stringify(join(root, "src", "index.ts"))};\n`,
          );
          const tsx = join(root, "node_modules", "tsx", "dist", "cli.mjs");
          const { stdout } = await promisify(execFile)(process.execPath, [tsx, script, join(dir, "model")], {
            cwd: dir,
            timeout: 120_000,
          });
          expect(stdout).toContain("weights: the same as the page's, bit for bit");
          const model = await bp.loadModel(join(dir, "model"));
          const replayed = model.getWeights().flatMap((w) => Array.from(w.dataSync()));
          expect(replayed).toEqual(weights.map(Math.fround));
          expect(replayed.length).toBe(2 * 5 + 5 + 5 * 4 + 4 + 4 * 3 + 3);
        },
      );
    }, 180_000);
  },
);
