/**
 * Functions that reduce data-sized arrays (pixels, labels, confusion matrices of many classes) must
 * not spread them into a call: V8 runs out of stack at ~120,000 arguments. The eslint rule
 * no-restricted-syntax forbids such spreads in src/; these tests run the sizes that crashed.
 */
import { describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { mnistStyle } from "../../src/cli/image-input.js";

describe("data-sized inputs", () => {
  test("a confusion matrix of 256 classes draws and prints", () => {
    const k = 256;
    const cm = Array.from({ length: k }, (_, i) =>
      Array.from({ length: k }, (_, j) => (i === j ? 10 : (i + j) % 3)),
    );
    const svg = bp.report.confusionMatrixChart(cm);
    expect(svg).toContain("of 256 classes");
    const text = bp.metrics.formatConfusionMatrix(cm);
    expect(text.split("\n")).toHaveLength(k + 3);
  });

  test("a 1000×1000 picture is normalized MNIST-style", () => {
    const width = 1000;
    const data = new Float32Array(width * width);
    for (let y = 400; y < 600; y++) for (let x = 450; x < 550; x++) data[y * width + x] = 1;
    const out = mnistStyle({ width, height: width, data });
    expect(out.width).toBe(28);
    expect(Math.max(...Array.from(out.data.slice(0, 28 * 28)))).toBeGreaterThan(0.9);
  });

  test("a learning curve of 200,000 points draws", () => {
    const values = Array.from({ length: 200_000 }, (_, i) => 1 / (1 + i));
    expect(bp.report.lineChart([{ name: "loss", values, color: "#000" }], { title: "loss" })).toContain(
      "<svg",
    );
  });

  test("a split of 300,000 samples of one class", () => {
    const y = bp.zeros([300_000], "int32");
    const s = bp.data.split(bp.zeros([300_000, 1]), y, { test: 0.5, seed: 1 });
    expect(s.test.x.shape[0]).toBe(150_000);
  });
});
