/**
 * Executes the TypeScript examples of the README and of the guides in docs/. A line
 * `expr; // => value` becomes an assertion that expr equals value (numbers compared to 1e-5
 * relative), so the examples cannot rot.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const tmp = join(root, "test", ".readme-tmp");
const tsBlocks = (file: string): string[] => [...readFileSync(join(root, file), "utf8").matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? "");
const blocks = tsBlocks("README.md");
const guides = readdirSync(join(root, "docs")).filter((f) => f.endsWith(".md")).sort().map((f) => `docs/${f}`);

function close(actual: unknown, expected: unknown, path = "value"): void {
  if (typeof expected === "number") {
    expect(typeof actual, path).toBe("number");
    const a = actual as number;
    expect(Math.abs(a - expected) <= 1e-5 * Math.max(1, Math.abs(expected)), `${path}: ${a} vs ${expected}`).toBe(true);
  } else if (Array.isArray(expected)) {
    expect(Array.isArray(actual), path).toBe(true);
    expect((actual as unknown[]).length, path).toBe(expected.length);
    expected.forEach((e, i) => close((actual as unknown[])[i], e, `${path}[${i}]`));
  } else {
    expect(actual, path).toEqual(expected);
  }
}

(globalThis as Record<string, unknown>).__readmeCheck = (actual: unknown, expected: unknown, line: number) =>
  close(actual, expected, `block line ${line}`);

function instrument(code: string): string {
  const src = join(root, "src", "index.js");
  return code
    .replace(/from "backprop"/g, `from ${JSON.stringify(src)}`)
    .split("\n")
    .map((line, i) => {
      const m = /^(\s*)(.+?);?\s*\/\/ => (.+)$/.exec(line);
      if (!m) return line;
      return `${m[1]}(globalThis as any).__readmeCheck(${m[2]}, ${m[3]}, ${i + 1});`;
    })
    .join("\n");
}

/** One test per block of `doc`, each run as its own module. */
function runBlocks(doc: string, list: readonly string[]): void {
  list.forEach((block, i) => {
    const title = (block.split("\n").find((l) => l.trim() && !l.startsWith("import")) ?? "").slice(0, 60);
    test(`block ${i + 1}: ${title}`, async () => {
      const file = join(tmp, `${doc.replace(/\W/g, "-")}-block-${i + 1}.ts`);
      writeFileSync(file, `// eslint-disable\n${instrument(block)}\nexport {};\n`);
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
