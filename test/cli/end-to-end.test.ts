/**
 * The command line end to end on a tiny subset: train writes a loadable model, run.json and a
 * report.html with the charts and the confusion matrix; evaluate and predict read the run back;
 * summary prints the parameter totals.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "parse5";
import { PNG } from "pngjs";
import { beforeAll, describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { writeIdxPair } from "../data/write-idx.js";
import { cli, tmp, type Result } from "./helpers.js";

const dir = tmp("bp-cli-e2e-");
const out = join(dir, "run");
let trained: Result;
let trainJson: { out: string; test: { accuracy: number; confusionMatrix: number[][] }; history: Record<string, number[]> };

beforeAll(async () => {
  trained = await cli("train", "--dataset", "mnist", "--limit", "300", "--epochs", "2", "--seed", "3", "--out", out, "--json");
  if (trained.code !== 0) throw new Error(`backprop train exited ${trained.code}: ${trained.stderr}`);
  trainJson = JSON.parse(trained.stdout) as typeof trainJson;
}, 120_000);

describe("train", () => {
  test("exits 0 and reports JSON with history and test scores", () => {
    expect(trained.code).toBe(0);
    expect(trainJson.out).toBe(out);
    expect(trainJson.history["loss"]).toHaveLength(2);
    expect(trainJson.history["val_accuracy"]).toHaveLength(2);
    expect(trainJson.test.confusionMatrix.flat().reduce((a, b) => a + b)).toBe(300);
    expect(trainJson.test.accuracy).toBeGreaterThan(0.3); // 2 epochs on 270 digits: well above chance
  });

  test("writes the model, run.json, results.json and report.html, and nothing else next to them", () => {
    expect(readdirSync(out).sort()).toEqual(["model", "report.html", "results.json", "run.json"]);
    expect(readdirSync(join(out, "model")).sort()).toEqual(["model.json", "weights.bin"]);
    expect(readdirSync(dir).sort()).toEqual(["run"]);
    const info = JSON.parse(readFileSync(join(out, "run.json"), "utf8")) as { classNames: string[]; inputShape: number[] };
    expect(info.classNames).toHaveLength(10);
    expect(info.inputShape).toEqual([28, 28, 1]);
  });

  test("the saved model loads and predicts", async () => {
    const model = await bp.loadModel(join(out, "model"));
    expect(model.predict(bp.zeros([2, 28, 28, 1])).shape).toEqual([2, 10]);
  });

  test("report.html parses and holds the learning curves and the confusion matrix", () => {
    const html = readFileSync(join(out, "report.html"), "utf8");
    const errors: string[] = [];
    parse(html, { onParseError: (e) => errors.push(e.code) });
    expect(errors).toEqual([]);
    for (const id of ["chart-loss", "chart-accuracy", "confusion-matrix", "misclassified", "first-layer", "classification-report"]) {
      expect(html).toContain(`id="${id}"`);
    }
    expect((html.match(/<svg /g) ?? []).length).toBeGreaterThanOrEqual(5);
  });

  test("human output: summary, scores, report and where things are", async () => {
    const r = await cli("train", "--dataset", "mnist", "--limit", "100", "--epochs", "1", "--model", "mlp", "--out", join(dir, "mlp"));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Total params: 235,146");
    expect(r.stdout).toMatch(/Test accuracy: \d+\.\d\d%/);
    expect(r.stdout).toContain("weighted avg");
    expect(r.stdout).toContain("Confusion matrix (rows: true class, columns: predicted class)");
    expect(r.stdout).toContain(`Saved the model to ${join(dir, "mlp")}/model and the report to ${join(dir, "mlp")}/report.html`);
    expect(r.stderr).toContain("Epoch 1/1");
  });
});

describe("evaluate", () => {
  test("scores the saved run on the same test samples", async () => {
    const r = await cli("evaluate", "--model", out, "--limit", "300", "--json");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { test: { accuracy: number; confusionMatrix: number[][] } };
    expect(j.test.accuracy).toBe(trainJson.test.accuracy);
    expect(j.test.confusionMatrix).toEqual(trainJson.test.confusionMatrix);
  });

  test("on IDX files", async () => {
    const idx = join(dir, "idx");
    const { mkdirSync } = await import("node:fs");
    mkdirSync(idx);
    writeIdxPair(idx, "t10k", 20, { gzip: true });
    writeIdxPair(idx, "train", 20, { gzip: true });
    const r = await cli("evaluate", "--model", out, "--dataset", `idx:${idx}`);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("20 test samples");
  });
});

describe("predict", () => {
  const digit = async (): Promise<{ png: string; csv: string; label: number }> => {
    const d = await bp.data.mnist();
    const x = d.xTest.slice([0, 0, 0, 0], [1, 28, 28, 1]).dataSync();
    const label = d.yTest.slice([0, 0], [1, 10]).argmax(-1).dataSync()[0]!;
    // a 56×56 RGB picture, dark ink on white, as someone would draw it
    const png = new PNG({ width: 56, height: 56 });
    for (let y = 0; y < 56; y++) {
      for (let xx = 0; xx < 56; xx++) {
        const v = Math.round(255 * (1 - x[Math.floor(y / 2) * 28 + Math.floor(xx / 2)]!));
        png.data.set([v, v, v, 255], (y * 56 + xx) * 4);
      }
    }
    const pngPath = join(dir, "digit.png");
    writeFileSync(pngPath, PNG.sync.write(png));
    const csvPath = join(dir, "digit.csv");
    writeFileSync(csvPath, `${Array.from(x, (v) => Math.round(v * 255)).join(",")}\n`);
    return { png: pngPath, csv: csvPath, label };
  };

  test("a PNG picture and a CSV row give class probabilities", async () => {
    const { png, csv } = await digit();
    for (const input of [png, csv]) {
      const r = await cli("predict", "--model", out, "--input", input, "--json");
      expect(r.code).toBe(0);
      const j = JSON.parse(r.stdout) as { predictions: { label: string; probabilities: Record<string, number> }[] };
      expect(j.predictions).toHaveLength(1);
      const probs = Object.values(j.predictions[0]!.probabilities);
      expect(probs).toHaveLength(10);
      expect(probs.reduce((a, b) => a + b)).toBeCloseTo(1, 4);
    }
    const human = await cli("predict", "--model", out, "--input", png);
    expect(human.stdout).toMatch(/Input: .*digit\.png \(56×56 picture → 28×28 grey, inverted \(light background\)/);
    expect(human.stdout).toMatch(/predicted \d \(\d+\.\d\d%\)/);
  });
});

describe("summary", () => {
  test.each([
    ["cnn", 18378],
    ["mlp", 235146],
  ])("built-in %s", async (name, total) => {
    const r = await cli("summary", "--model", name, "--json");
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { totalParams: number }).totalParams).toBe(total);
  });

  test("a saved run and a layer file", async () => {
    const saved = await cli("summary", "--model", out);
    expect(saved.stdout).toContain("Total params: 18,378");
    const file = join(dir, "layers.json");
    writeFileSync(file, JSON.stringify([{ type: "flatten" }, { type: "dense", units: 3, activation: "softmax" }]));
    const r = await cli("summary", "--model", file, "--input-shape", "4,4,1");
    expect(r.stdout).toContain("Total params: 51");
    expect(existsSync(join(dir, "layers.json"))).toBe(true);
  });
});

describe("a CSV table", () => {
  test("train an mlp on named classes, then predict rows standardized like the training data", async () => {
    const { x, labels } = bp.data.toy.gaussian({ n: 120, seed: 5 });
    const pts = x.dataSync();
    const names = ["left", "right"];
    const rows = Array.from(labels.dataSync(), (l, i) => `${(pts[2 * i]! * 10 + 50).toFixed(3)},${(pts[2 * i + 1]! * 10 + 50).toFixed(3)},${names[l]}`);
    const csv = join(dir, "blobs.csv");
    writeFileSync(csv, `u,v,side\n${rows.join("\n")}\n`);
    const runDir = join(dir, "blobs");
    const r = await cli("train", "--dataset", `csv:${csv}`, "--label", "side", "--model", "mlp", "--epochs", "20", "--lr", "0.01", "--out", runDir, "--json");
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { test: { accuracy: number } }).test.accuracy).toBeGreaterThan(0.9);
    const input = join(dir, "points.csv");
    writeFileSync(input, "u,v\n40,40\n60,60\n");
    const p = await cli("predict", "--model", runDir, "--input", input, "--json");
    expect(p.code).toBe(0);
    const j = JSON.parse(p.stdout) as { preprocessing: string; predictions: { label: string }[] };
    expect(j.preprocessing).toContain("standardized");
    expect(j.predictions.map((q) => q.label)).toEqual(["left", "right"]);
  });
});
