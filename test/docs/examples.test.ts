/**
 * Runs the `@example` of every public export's doc comment against the library, as the README's
 * examples are run: the examples of one source file become one module of async functions, each
 * called by its own test, and a line `expr; // => value` asserts its value. An example that does not
 * parse, throws or shows a wrong value fails here.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import * as bp from "../../src/index.js";
import { instrument } from "./check-example.js";
import { publicExports } from "./exports.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const tmp = join(root, "test", ".doc-examples-tmp");
const all = publicExports(join(root, "src", "index.ts"));

interface Example {
  name: string;
  code: string;
  error: string | undefined;
}

/** The examples of each source file, one per declaration (an export reached by two names runs once). */
function examplesByFile(): Map<string, Example[]> {
  const byFile = new Map<string, Example[]>();
  const seen = new Set<string>();
  for (const e of all) {
    e.examples.forEach((code, i) => {
      const key = `${e.file}\n${code}`;
      if (seen.has(key)) return;
      seen.add(key);
      const name = e.examples.length > 1 ? `${e.name} (example ${i + 1})` : e.name;
      const list = byFile.get(e.file) ?? [];
      list.push({ name, code, error: syntaxError(code) });
      byFile.set(e.file, list);
    });
  }
  return byFile;
}

function syntaxError(code: string): string | undefined {
  const body = code.split("\n").filter((l) => !l.startsWith("import ")).join("\n");
  const out = ts.transpileModule(`export async function f() {\n${body}\n}`, { reportDiagnostics: true, compilerOptions: { target: ts.ScriptTarget.ES2022 } });
  const d = out.diagnostics?.[0];
  return d ? ts.flattenDiagnosticMessageText(d.messageText, "\n") : undefined;
}

/** Writes the module of one file's examples: `examples[name]` runs the example `name`. */
function writeModule(file: string, list: Example[]): string {
  const imports = new Set<string>();
  const fns = list
    .filter((e) => !e.error)
    .map((e) => {
      const lines = e.code.split("\n");
      for (const l of lines) if (l.startsWith("import ")) imports.add(l);
      const body = instrument(lines.filter((l) => !l.startsWith("import ")).join("\n"), e.name);
      return `  ${JSON.stringify(e.name)}: async () => {\n${body}\n  },`;
    });
  const path = join(tmp, `${relative(join(root, "src"), file).replace(/\W/g, "-")}.ts`);
  const src = JSON.stringify(join(root, "src", "index.js"));
  writeFileSync(path, [`// eslint-disable`, `import * as bp from ${src};`, ...imports, `export const examples: Record<string, () => Promise<void>> = {`, ...fns, `};`, ""].join("\n"));
  return path;
}

const byFile = examplesByFile();
mkdirSync(tmp, { recursive: true });
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

test("the examples are there to run", () => {
  expect([...byFile.values()].flat().length).toBeGreaterThan(300);
});

const backendAtStart = bp.getBackend();

for (const [file, list] of byFile) {
  describe(relative(root, file), () => {
    let examples: Record<string, () => Promise<void>> = {};
    beforeAll(async () => {
      examples = ((await import(writeModule(file, list))) as { examples: typeof examples }).examples;
    });
    afterEach(() => {
      vi.restoreAllMocks();
      if (bp.getBackend() !== backendAtStart) bp.setBackend(backendAtStart);
    });
    for (const e of list) {
      test(e.name, async () => {
        expect(e.error, `the example does not parse:\n${e.code}`).toBeUndefined();
        vi.spyOn(console, "log").mockImplementation(() => undefined);
        const run = examples[e.name];
        expect(run, "the example's module did not load").toBeDefined();
        await run?.();
      });
    }
  });
}
