/** The report's tables are HTML tables, and tabular data gets a weight heat map instead of pictures. */
import { parse, type DefaultTreeAdapterMap } from "parse5";
import { describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";

type Node = DefaultTreeAdapterMap["node"];
type Element = DefaultTreeAdapterMap["element"];

function walk(node: Node, out: Element[] = []): Element[] {
  if ("tagName" in node) out.push(node);
  if ("childNodes" in node) for (const c of node.childNodes) walk(c, out);
  return out;
}
const text = (e: Node): string => ("value" in e ? e.value : "childNodes" in e ? e.childNodes.map(text).join("") : "");
const byId = (html: string, id: string): Element | undefined => walk(parse(html)).find((e) => e.attrs.some((a) => a.name === "id" && a.value === id));
const cells = (table: Element): string[][] =>
  walk(table).filter((e) => e.tagName === "tr").map((tr) => walk(tr).filter((e) => e.tagName === "td" || e.tagName === "th").map((c) => text(c)));

function tabularModel(features: number): bp.Sequential {
  return bp.sequential([
    bp.layers.dense({ units: 8, activation: "relu", inputShape: [features], name: "hidden" }),
    bp.layers.dense({ units: 3, activation: "softmax", name: "out" }),
  ]);
}

describe("report tables", () => {
  test("the model summary is a table with one row per layer, its totals below, no box-drawing characters", () => {
    const model = tabularModel(4);
    const html = bp.report.trainingReport({ modelSummary: model.summary() });
    const table = byId(html, "model-summary")!;
    expect(table.tagName).toBe("table");
    const rows = cells(table);
    expect(rows[0]).toEqual(["Layer (type)", "Output Shape", "Param #"]);
    expect(rows.slice(1)).toEqual([
      ["hidden (Dense)", "(None, 8)", "40"],
      ["out (Dense)", "(None, 3)", "27"],
    ]);
    expect(html).toContain("Total params: 67");
    expect(html).not.toMatch(/[┏┃━│─└┘]/);
  });

  test("text that is not a summary table stays preformatted", () => {
    expect(byId(bp.report.trainingReport({ modelSummary: "a custom model" }), "model-summary")!.tagName).toBe("pre");
  });
});

describe("first-layer weights", () => {
  test("tabular input (4 features): a weight heat map, one row per feature, no 2×2 pictures", () => {
    const model = tabularModel(4);
    const html = bp.report.trainingReport({ firstLayer: { kernel: model.layers[0]!.weights[0]!, inputShape: [4], name: "hidden" } });
    const fig = byId(html, "first-layer")!;
    const svgText = walk(fig).filter((e) => e.tagName === "text").map(text);
    expect(svgText.filter((t) => /^feature \d$/.test(t))).toEqual(["feature 1", "feature 2", "feature 3", "feature 4"]);
    expect(walk(fig).filter((e) => e.tagName === "rect")).toHaveLength(4 * 8);
    expect(walk(fig).filter((e) => e.tagName === "image")).toHaveLength(0);
  });

  test("a Dense layer on flattened 28×28 images still shows each unit's weights as a picture", () => {
    const kernel = bp.randn([784, 5], { seed: 1 });
    const html = bp.report.trainingReport({ firstLayer: { kernel, inputShape: [784], name: "dense_1" } });
    expect(walk(byId(html, "first-layer")!).filter((e) => e.tagName === "image")).toHaveLength(5);
  });
});
