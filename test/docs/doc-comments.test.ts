/**
 * Every public export, and every public method of an exported class, carries a doc comment with a
 * one-line summary and an `@example` (the API reference of `npm run docs` is built from them;
 * examples.test.ts runs the examples). No exceptions.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import { publicExports } from "./exports.js";

const entry = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "src", "index.ts");
const where = (e: { name: string; file: string }): string => `${e.name} (${e.file.replace(/.*\/src\//, "src/")})`;

test("every public export has a doc comment with a summary and an example", () => {
  const all = publicExports(entry);
  expect(all.length).toBeGreaterThan(400);
  expect(all.map((e) => e.name)).toContain("bp.layers.dense");
  expect(all.map((e) => e.name)).toContain("bp.Sequential.fit");
  const missing = all.filter((e) => (e.doc.split("\n")[0] ?? "").trim() === "").map(where);
  expect(missing, "exports without a doc comment that starts with a summary").toEqual([]);
  const noExample = all.filter((e) => e.examples.length === 0).map(where);
  expect(noExample, "exports without an @example").toEqual([]);
}, 180_000);
