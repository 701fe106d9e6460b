/**
 * The report: PNG encoding (decoded back with pngjs), charts, and a training report whose HTML
 * parses without errors (parse5) and holds the charts, the confusion matrix and the image grids.
 */
import { parse, type DefaultTreeAdapterMap } from "parse5";
import { PNG } from "pngjs";
import { describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import * as report from "../../src/report/index.js";

type Node = DefaultTreeAdapterMap["node"];
type Element = DefaultTreeAdapterMap["element"];

function walk(node: Node, out: Element[] = []): Element[] {
  if ("tagName" in node) out.push(node);
  if ("childNodes" in node) for (const c of node.childNodes) walk(c, out);
  if ("content" in node && node.content) walk(node.content, out);
  return out;
}

function parseStrict(html: string): Element[] {
  const errors: string[] = [];
  const doc = parse(html, { onParseError: (e) => errors.push(`${e.code} at ${e.startLine}:${e.startCol}`) });
  expect(errors).toEqual([]);
  return walk(doc);
}

const attr = (e: Element, name: string): string | undefined => e.attrs.find((a) => a.name === name)?.value;
const text = (e: Node): string => ("value" in e ? e.value : "childNodes" in e ? e.childNodes.map(text).join("") : "");

describe("encodePng", () => {
  test.each([
    [1, 3, 2],
    [3, 5, 4],
    [4, 2, 2],
    [1, 300, 250], // > 65535 raw bytes: several stored blocks
  ] as const)("%i channels, %i×%i decode back to the same pixels", (channels, w, h) => {
    const px = Uint8Array.from({ length: w * h * channels }, (_, i) => (i * 37) % 256);
    const png = PNG.sync.read(Buffer.from(report.encodePng(w, h, channels, px)));
    expect([png.width, png.height]).toEqual([w, h]);
    const rgba = png.data;
    for (let p = 0; p < w * h; p++) {
      const expected = channels === 1 ? [px[p], px[p], px[p], 255] : channels === 3 ? [...px.subarray(p * 3, p * 3 + 3), 255] : [...px.subarray(p * 4, p * 4 + 4)];
      expect([...rgba.subarray(p * 4, p * 4 + 4)]).toEqual(expected);
    }
  });

  test("a wrong pixel count throws ValueError", () => {
    expect(() => report.encodePng(2, 2, 1, [1, 2, 3])).toThrow(/3 values do not fill 2×2×1/);
  });
});

describe("charts", () => {
  test("niceTicks cover the range with round steps", () => {
    expect(report.niceTicks(0.13, 0.97, 5)).toEqual({ ticks: [0, 0.2, 0.4, 0.6, 0.8, 1], domain: [0, 1] });
    expect(report.niceTicks(3, 3).ticks.length).toBeGreaterThan(1);
  });

  test("historyCharts: one chart per quantity, training against validation", () => {
    const charts = report.historyCharts({ loss: [1, 0.5], val_loss: [1.1, 0.7], accuracy: [0.5, 0.8], val_accuracy: [0.4, 0.7] });
    expect(charts.map((c) => c.key)).toEqual(["loss", "accuracy"]);
    const els = parseStrict(`<!DOCTYPE html><html><head><title>t</title></head><body>${charts[0]!.svg}</body></html>`);
    expect(els.filter((e) => e.tagName === "path")).toHaveLength(2);
    expect(els.filter((e) => e.tagName === "circle")).toHaveLength(4);
    const labels = els.filter((e) => e.tagName === "text").map(text);
    expect(labels).toContain("training (last 0.5)");
    expect(labels).toContain("validation (last 0.7)");
  });

  test("confusionMatrixChart writes every count in its cell, escaping class names", () => {
    const svg = report.confusionMatrixChart([[5, 1], [0, 7]], { classNames: ["<a>", "b&c"] });
    const els = parseStrict(`<!DOCTYPE html><html><head><title>t</title></head><body>${svg}</body></html>`);
    const texts = els.filter((e) => e.tagName === "text").map(text);
    for (const v of ["5", "1", "0", "7", "<a>", "b&c", "predicted class", "true class"]) expect(texts).toContain(v);
    expect(els.filter((e) => e.tagName === "rect")).toHaveLength(4);
  });

  test("filterGrid draws conv filters and dense units over an image input", () => {
    const conv = report.filterGrid(bp.randn([5, 5, 1, 6], { seed: 1 }), [28, 28, 1], "conv2d_1")!;
    expect(conv.match(/<image /g)).toHaveLength(6);
    const dense = report.filterGrid(bp.randn([784, 40], { seed: 1 }), [28, 28, 1], "dense_1")!;
    expect(dense.match(/<image /g)).toHaveLength(32);
    expect(report.filterGrid(bp.randn([7, 3], { seed: 1 }), [7], "dense_2")).toBeUndefined();
  });
});

describe("trainingReport", () => {
  const labels = [0, 1, 2, 1, 0, 2];
  const probs = bp.tensor([[0.8, 0.1, 0.1], [0.1, 0.7, 0.2], [0.6, 0.2, 0.2], [0.1, 0.8, 0.1], [0.2, 0.2, 0.6], [0.1, 0.1, 0.8]]);
  const inputs = bp.rand([6, 28, 28, 1], { seed: 2 });
  const html = report.trainingReport({
    title: "Test <report>",
    facts: { dataset: "tiny", epochs: 2 },
    history: { loss: [1, 0.6], val_loss: [1.2, 0.9], accuracy: [0.4, 0.7], val_accuracy: [0.3, 0.5] },
    modelSummary: "Layer  Output  Params\nTotal params: 10",
    test: { labels, probs, inputs, loss: 0.5 },
    classNames: ["zero", "one", "two"],
    firstLayer: { kernel: bp.randn([3, 3, 1, 4], { seed: 3 }), inputShape: [28, 28, 1], name: "conv2d_1" },
  });
  const els = parseStrict(html);
  const byId = (id: string): Element | undefined => els.find((e) => attr(e, "id") === id);

  test("parses without errors and is self-contained (no scripts, no external resources)", () => {
    expect(els.filter((e) => e.tagName === "script")).toHaveLength(0);
    const refs = els.flatMap((e) => e.attrs.filter((a) => a.name === "href" || a.name === "src").map((a) => a.value));
    expect(refs.every((r) => r.startsWith("data:image/png;base64,"))).toBe(true);
    expect(text(els.find((e) => e.tagName === "title")!)).toBe("Test <report>");
  });

  test("holds the learning curves, the confusion matrix, the mistakes and the first layer", () => {
    for (const id of ["chart-loss", "chart-accuracy", "confusion-matrix", "misclassified", "first-layer", "classification-report", "model-summary"]) {
      expect(byId(id), id).toBeDefined();
    }
    expect(walk(byId("confusion-matrix")!).filter((e) => e.tagName === "svg")).toHaveLength(1);
    // 2 of 6 wrong: sample 2 (two → zero) and sample 4 (zero → two)
    expect(walk(byId("misclassified")!).filter((e) => e.tagName === "image")).toHaveLength(2);
    expect(walk(byId("first-layer")!).filter((e) => e.tagName === "image")).toHaveLength(4);
    const cmTexts = walk(byId("confusion-matrix")!).filter((e) => e.tagName === "text").map(text);
    expect(cmTexts.filter((t) => /^\d+$/.test(t)).map(Number)).toEqual([1, 0, 1, 0, 2, 0, 1, 0, 1]);
  });

  test("an interrupted run opens with a banner saying where training stopped; a finished run has none", () => {
    expect(byId("interrupted")).toBeUndefined();
    const cut = parseStrict(report.trainingReport({ history: { loss: [1, 0.6] }, interrupted: "Training was interrupted by SIGINT in epoch 2 of 9 <now>" }));
    const banner = cut.find((e) => attr(e, "id") === "interrupted");
    expect(text(banner!)).toBe("Training was interrupted by SIGINT in epoch 2 of 9 <now>");
    // above the results: the first element of the page's content after the title and cards
    expect(cut.indexOf(banner!)).toBeLessThan(cut.findIndex((e) => attr(e, "id") === "chart-loss"));
  });

  test("shows the test accuracy and the classification report, as a table and as text", () => {
    expect(html).toContain("66.67%");
    const table = byId("classification-report")!;
    expect(table.tagName).toBe("table");
    const rows = walk(table).filter((e) => e.tagName === "tr").map((tr) => walk(tr).filter((e) => e.tagName === "td" || e.tagName === "th").map(text));
    expect(rows[0]).toEqual(["class", "precision", "recall", "f1-score", "support"]);
    expect(rows.map((r) => r[0])).toEqual(["class", "zero", "one", "two", "accuracy", "macro avg", "weighted avg"]);
    expect(rows[4]).toEqual(["accuracy", "", "", "0.67", "6"]);
    expect(text(els.find((e) => e.tagName === "details")!)).toContain(bp.metrics.formatClassificationReport(bp.metrics.classificationReport(labels, [0, 1, 0, 1, 2, 2]), { classNames: ["zero", "one", "two"] }));
  });
});
