/** The examples that write pictures (PNG and SVG) reach the results their headers state. */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import * as kernels from "../../examples/image-kernels.js";
import * as bp from "../../src/index.js";

describe("image examples", () => {
  test("image-kernels: blur smooths, sharpen sharpens, outline is zero on flat patches; four PNGs written", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bp-kernels-"));
    const r = await kernels.run(dir);
    expect(r.totalVariation.blur).toBeLessThan(r.totalVariation.original);
    expect(r.totalVariation.sharpen).toBeGreaterThan(r.totalVariation.original);
    expect(r.outlineOnFlat).toBeLessThan(1e-6);
    expect(r.outlineMax).toBeGreaterThan(1);
    expect(r.files.map((f) => f.slice(dir.length + 1))).toEqual(["original.png", "blur.png", "sharpen.png", "outline.png"]);
    for (const f of r.files) expect(bp.data.decodePng(readFileSync(f)).shape).toEqual([224, 224, 1]);
  });
});

describe("decision-boundaries example", () => {
  test("XOR, circle and spiral: ≥ 95 % training accuracy, one SVG heat map each", async () => {
    const { run } = await import("../../examples/decision-boundaries.js");
    const dir = mkdtempSync(join(tmpdir(), "bp-boundaries-"));
    const rows = await run(dir);
    expect(rows.map((r) => r.set)).toEqual(["xor", "circle", "spiral"]);
    for (const r of rows) {
      expect(r.accuracy, r.set).toBeGreaterThanOrEqual(0.95);
      const svg = readFileSync(r.file, "utf8");
      expect(svg.startsWith("<svg")).toBe(true);
      expect(svg).toContain("data:image/png;base64,");
    }
    // XOR: opposite quadrants share a class
    const xor = Array.from(rows[0]!.model.predict(bp.tensor([[0.5, 0.5], [-0.5, -0.5], [0.5, -0.5], [-0.5, 0.5]])).greater(0.5).dataSync());
    expect(xor).toEqual([xor[0], xor[0], 1 - xor[0]!, 1 - xor[0]!]);
  }, 300_000);
});

describe("hyperparameter-sweep example", () => {
  test("more units lower the training error; the largest L2 factor raises both errors above the best one", async () => {
    const { run, UNITS, L2 } = await import("../../examples/hyperparameter-sweep.js");
    const dir = mkdtempSync(join(tmpdir(), "bp-sweep-"));
    const r = await run(dir);
    expect(r.units.map((p) => p.value)).toEqual(UNITS);
    expect(r.l2.map((p) => p.value)).toEqual(L2);
    expect(r.units.at(-1)!.trainError).toBeLessThan(r.units[0]!.trainError);
    const bestVal = Math.min(...r.l2.map((p) => p.valError));
    const best = r.l2.find((p) => p.valError === bestVal)!;
    expect(r.l2.at(-1)!.trainError).toBeGreaterThan(best.trainError);
    expect(r.l2.at(-1)!.valError).toBeGreaterThan(best.valError);
    for (const f of r.files) expect(readFileSync(f, "utf8")).toMatch(/^<svg[\s\S]*validation error[\s\S]*<\/svg>$/);
  }, 300_000);
});
