/**
 * Executes the TypeScript examples of the README and of the guides in docs/. A line
 * `expr; // => value` becomes an assertion that expr equals value (numbers compared to 1e-5
 * relative, tensors through toArray()), so the examples cannot rot.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import { instrument } from "./docs/check-example.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const tmp = join(root, "test", ".readme-tmp");
const tsBlocks = (file: string): string[] => [...readFileSync(join(root, file), "utf8").matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? "");
const blocks = tsBlocks("README.md");
const guides = readdirSync(join(root, "docs")).filter((f) => f.endsWith(".md")).sort().map((f) => `docs/${f}`);

function instrumentBlock(code: string, where: string): string {
  const src = join(root, "src", "index.js");
  return instrument(code.replace(/from "backprop"/g, `from ${JSON.stringify(src)}`), where);
}

/** One test per block of `doc`, each run as its own module. */
function runBlocks(doc: string, list: readonly string[]): void {
  list.forEach((block, i) => {
    const title = (block.split("\n").find((l) => l.trim() && !l.startsWith("import")) ?? "").slice(0, 60);
    test(`block ${i + 1}: ${title}`, async () => {
      const file = join(tmp, `${doc.replace(/\W/g, "-")}-block-${i + 1}.ts`);
      writeFileSync(file, `// eslint-disable\n${instrumentBlock(block, `${doc} block ${i + 1}`)}\nexport {};\n`);
      await import(file);
    }, 120_000);
  });
}

mkdirSync(tmp, { recursive: true });
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("README examples", () => {
  test("there are examples with checked results", () => {
    expect(blocks.length).toBeGreaterThan(3);
    expect(blocks.join("\n")).toMatch(/\/\/ => /);
  });
  runBlocks("README", blocks);
});

describe.each(guides)("%s", (guide) => {
  const list = tsBlocks(guide);
  test("has examples with checked results, and the README links to it", () => {
    expect(list.length).toBeGreaterThan(0);
    expect(list.join("\n")).toMatch(/\/\/ => /);
    expect(readFileSync(join(root, "README.md"), "utf8")).toContain(`(${guide})`);
  });
  runBlocks(guide, list);
});
