/** CSV loading: numbers, class-name labels, quoting, and every bad cell named by line and column. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";

const dir = mkdtempSync(join(tmpdir(), "bp-csv-"));
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe("loadCsv", () => {
  test("features and a numeric label column", async () => {
    const d = await bp.data.loadCsv(file("num.csv", "a,label,b\n1,0,2\n3,1,4.5\r\n-5,2,6e-1\n\n"), { label: "label" });
    expect(d.x.toArray()).toEqual([[1, 2], [3, 4.5], [-5, 0.6000000238418579]]);
    expect(d.y?.dtype).toBe("int32");
    expect(d.y?.toArray()).toEqual([0, 1, 2]);
    expect(d.columns).toEqual(["a", "b"]);
    expect(d.classes).toBeUndefined();
  });

  test("class names become sorted indices; quoted fields keep their commas", async () => {
    const d = await bp.data.loadCsv(file("names.csv", 'x,"kind, of animal"\n1,dog\n2,cat\n3,"dog"\n'), { label: "kind, of animal" });
    expect(d.classes).toEqual(["cat", "dog"]);
    expect(d.y?.toArray()).toEqual([1, 0, 1]);
  });

  test("float labels stay float; no label means all columns are features", async () => {
    const p = file("reg.csv", "u,v\n1,0.5\n2,1.5\n");
    expect((await bp.data.loadCsv(p, { label: "v" })).y?.dtype).toBe("float32");
    const all = await bp.data.loadCsv(p);
    expect(all.x.shape).toEqual([2, 2]);
    expect(all.y).toBeUndefined();
  });

  test("without a header, columns are addressed by index", async () => {
    const d = await bp.data.loadCsv(file("nohead.csv", "1,2,0\n3,4,1\n"), { header: false, label: 2 });
    expect(d.x.toArray()).toEqual([[1, 2], [3, 4]]);
    expect(d.columns).toEqual(["column_0", "column_1"]);
  });

  test.each([
    ["non-numeric cell", "a,b,label\n1,2,0\n3,abc,1\n", { label: "label" }, /line 3, column "b" \(2\): "abc" is not a number/, bp.FormatError],
    ["empty cell", "a,b\n1,\n", {}, /line 2, column "b" \(2\): empty cell/, bp.FormatError],
    ["missing label column", "a,b\n1,2\n", { label: "target" }, /has no label column "target"; its columns are "a", "b"/, bp.NotFoundError],
    ["label index out of range", "1,2\n", { header: false, label: 5 }, /has no column 5; it has 2 columns/, bp.NotFoundError],
    ["ragged row", "a,b\n1,2\n3\n", {}, /line 3 has 1 fields; expected 2/, bp.FormatError],
    ["empty file", "\n\n", {}, /is empty/, bp.FormatError],
  ] as const)("%s", async (name, text, options, message, cls) => {
    const path = file(`${name.replace(/ /g, "-")}.csv`, text);
    const err = await bp.data.loadCsv(path, options).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(cls);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).toContain(path);
  });

  test("a missing file is a NotFoundError naming it", async () => {
    await expect(bp.data.loadCsv(join(dir, "absent.csv"))).rejects.toThrow(/file not found: .*absent\.csv/);
  });
});
