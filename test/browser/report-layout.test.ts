/**
 * The training report in headless Chromium at a desktop (1280 px) and a phone (360 px) width: nothing
 * sticks out of the page, charts scale down to their box, tables fit. Screenshots are written to
 * the system temp directory (bp-report-*.png) for a look.
 */
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { CHROMIUM, CHROMIUM_ARGS, requireChromium, SKIP_REASON } from "./chromium.js";

const FASHION = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

/** A report as the command line writes one for images: ten long class names, a CNN, its filters. */
async function imageReport(): Promise<string> {
  bp.setSeed(1);
  const { xTest, yTest } = await bp.data.mnist();
  const x = xTest.slice([0, 0, 0, 0], [200, 28, 28, 1]);
  const labels = yTest.slice([0, 0], [200, 10]).argmax(1);
  const model = bp.sequential([
    bp.layers.conv2d({ filters: 16, kernelSize: 5, activation: "relu", inputShape: [28, 28, 1] }),
    bp.layers.maxPooling2d({ poolSize: 2 }),
    bp.layers.flatten(),
    bp.layers.dense({ units: 10, activation: "softmax" }),
  ]);
  const epochs = 12;
  const curve = (a: number) => Array.from({ length: epochs }, (_, i) => a / (i + 1));
  return bp.report.trainingReport({
    title: "Training report: cnn on fashion-mnist",
    facts: { dataset: "fashion-mnist from /usr/share/datasets/fashion-mnist/a-rather-long-directory-name/train-images-idx3-ubyte.gz", model: "cnn", epochs },
    history: { loss: curve(2), val_loss: curve(2.2), accuracy: curve(0.5).map((v) => 1 - v), val_accuracy: curve(0.6).map((v) => 1 - v) },
    modelSummary: model.summary(),
    test: { labels, probs: model.predict(x), inputs: x, loss: 0.31 },
    classNames: FASHION,
    firstLayer: { kernel: model.layers[0]!.weights[0]!, inputShape: [28, 28, 1], name: model.layers[0]!.name },
  });
}

/** A report for a 2-feature table: a decision boundary and a weight heat map. */
function tabularReport(): string {
  const { x, labels } = bp.data.toy.spiral({ n: 120, classes: 3, seed: 1 } as never);
  const model = bp.sequential([bp.layers.dense({ units: 12, activation: "relu", inputShape: [2] }), bp.layers.dense({ units: 3, activation: "softmax" })]);
  return bp.report.trainingReport({
    title: "Training report: mlp on csv:spiral.csv",
    history: { loss: [1.1, 0.9, 0.8], val_loss: [1.2, 1, 0.95] },
    modelSummary: model.summary(),
    model,
    test: { labels, probs: model.predict(x), inputs: x },
    classNames: ["setosa", "versicolor", "virginica"],
    firstLayer: { kernel: model.layers[0]!.weights[0]!, inputShape: [2], name: model.layers[0]!.name },
  });
}

/**
 * Runs in the page (a string: this project's TypeScript has no DOM types): elements whose box ends
 * right of the viewport (text inside a <pre> scroll box excepted), and charts or tables wider than
 * the box that holds them.
 */
const MEASURE = `(() => {
  const viewport = document.documentElement.clientWidth;
  const label = (e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.closest("[id]") ? " in #" + e.closest("[id]").id : "");
  const outside = [];
  const squeezed = [];
  for (const e of document.querySelectorAll("main *")) {
    if (e.parentElement && e.parentElement.closest("pre")) continue;
    const box = e.getBoundingClientRect();
    if (box.width > 0 && box.right > viewport + 0.5) outside.push(label(e) + " ends at " + Math.round(box.right));
  }
  for (const e of document.querySelectorAll("figure > svg, .table-wrap > table")) {
    const w = e.getBoundingClientRect().width;
    if (w > e.parentElement.clientWidth + 0.5) squeezed.push(label(e) + ": " + Math.round(w) + " > " + e.parentElement.clientWidth);
  }
  return { pageWidth: document.documentElement.scrollWidth, viewport, outside, squeezed };
})()`;

interface Overflow {
  pageWidth: number;
  viewport: number;
  outside: string[];
  squeezed: string[];
}

describe.skipIf(SKIP_REASON !== undefined)(`the report's layout in Chromium${SKIP_REASON ? ` — skipped: ${SKIP_REASON}` : ""}`, () => {
  let browser: Browser | undefined;
  const pages: Record<string, string> = {};

  beforeAll(async () => {
    requireChromium();
    pages.images = await imageReport();
    pages.tabular = tabularReport();
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
  });

  test.each([
    ["images", 1280],
    ["images", 360],
    ["tabular", 1280],
    ["tabular", 360],
  ] as const)("%s report at %i px: nothing overflows the page, charts and tables fit their boxes", async (name, width) => {
    const page = await browser!.newPage({ viewport: { width, height: 800 } });
    await page.setContent(pages[name]!);
    const r = (await page.evaluate(MEASURE)) as Overflow;
    writeFileSync(join(tmpdir(), `bp-report-${name}-${width}.png`), await page.screenshot({ fullPage: true }));
    await page.close();
    expect(r.outside, JSON.stringify(r)).toEqual([]);
    expect(r.squeezed, JSON.stringify(r)).toEqual([]);
    expect(r.pageWidth).toBeLessThanOrEqual(r.viewport);
  });
});
