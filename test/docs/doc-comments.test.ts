/**
 * Every public export, and every public method of an exported class, carries a doc comment with a
 * one-line summary and an `@example` (the API reference of `npm run docs` is built from them); no
 * exceptions. The examples then run against the library, as the README's do: the examples of one
 * source file become one module of async functions, each called by its own test, and a line
 * `expr; // => value` asserts its value (every example shows at least one). The modules are first
 * type-checked with the project's compiler options. An example that does not parse, type-check or
 * run, or that shows a wrong value, fails here.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import * as bp from "../../src/index.js";
import { instrument } from "./check-example.js";
import { projectOptions, publicExports } from "./exports.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const tmp = join(root, "test", ".doc-examples-tmp");
const entry = join(root, "src", "index.ts");
const options = projectOptions(join(root, "tsconfig.json"));
const program = ts.createProgram([entry], options);
const all = publicExports(entry, program);

interface Example {
  name: string;
  code: string;
  /** A syntax error, or the type errors found in the example. */
  errors: string[];
  /** The example's lines in its generated module (1-based, inclusive). */
  lines: [number, number];
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
      const error = syntaxError(code);
      list.push({ name, code, errors: error ? [error] : [], lines: [0, 0] });
      byFile.set(e.file, list);
    });
  }
  return byFile;
}

const isImport = (line: string): boolean => line.startsWith("import ");

function syntaxError(code: string): string | undefined {
  const body = code.split("\n").filter((l) => !isImport(l)).join("\n");
  const out = ts.transpileModule(`export async function f() {\n${body}\n}`, { reportDiagnostics: true, compilerOptions: { target: ts.ScriptTarget.ES2022 } });
  const d = out.diagnostics?.[0];
  return d ? ts.flattenDiagnosticMessageText(d.messageText, "\n") : undefined;
}

/** The examples' import lines merged into one line: `import { a } from "m"` and `import { b } from "m"` become one. */
class Imports {
  private readonly named = new Map<string, Set<string>>();
  private readonly other = new Set<string>();
  add(line: string): void {
    const m = /^import \{([^}]*)\} from ("[^"]+");?$/.exec(line.trim());
    if (!m) return void this.other.add(line);
    const names = this.named.get(m[2] ?? "") ?? new Set<string>();
    for (const n of (m[1] ?? "").split(",")) if (n.trim()) names.add(n.trim());
    this.named.set(m[2] ?? "", names);
  }
  line(): string {
    return [...[...this.named].map(([from, names]) => `import { ${[...names].join(", ")} } from ${from};`), ...this.other].join(" ");
  }
}

/** Writes the module of one file's examples (`examples[name]` runs the example `name`), noting each one's lines. */
function writeModule(file: string, list: Example[]): string {
  const imports = new Imports();
  const fns: string[] = [];
  const head = 3; // the bp import, the hoisted imports (one line), the export line
  for (const e of list.filter((x) => x.errors.length === 0)) {
    const lines = e.code.split("\n");
    for (const l of lines.filter(isImport)) imports.add(l);
    const body = instrument(lines.filter((l) => !isImport(l)).join("\n"), e.name);
    const start = head + fns.join("\n").split("\n").length + (fns.length ? 1 : 0);
    fns.push(`  ${JSON.stringify(e.name)}: async () => {\n${body}\n  },`);
    e.lines = [start, start + body.split("\n").length + 1];
  }
  const path = join(tmp, `${relative(join(root, "src"), file).replace(/\W/g, "-")}.ts`);
  const src = [
    `import * as bp from "../../src/index.js";`,
    imports.line(),
    `export const examples: Record<string, () => Promise<void>> = {`,
    ...fns,
    `};`,
    "",
  ];
  writeFileSync(path, src.join("\n"));
  return path;
}

/** Type-checks the generated modules and files each error under the example whose lines hold it. */
function typeCheck(modules: Map<string, Example[]>): void {
  const checked = ts.createProgram({ rootNames: [entry, ...modules.keys()], options, oldProgram: program });
  for (const [path, list] of modules) {
    const source = checked.getSourceFile(path);
    if (!source) throw new Error(`${path} is not in the program`);
    for (const d of ts.getPreEmitDiagnostics(checked, source)) {
      const line = source.getLineAndCharacterOfPosition(d.start ?? 0).line + 1;
      const owners = list.filter((e) => e.lines[0] <= line && line <= e.lines[1]);
      const where = owners.length ? owners : list;
      for (const e of where) e.errors.push(`line ${line - e.lines[0]}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
    }
  }
}

rmSync(tmp, { recursive: true, force: true });
mkdirSync(tmp, { recursive: true });
const byFile = examplesByFile();
const modules = new Map([...byFile].map(([file, list]) => [writeModule(file, list), list] as const));
const moduleOf = new Map([...modules].map(([path, list]) => [list, path] as const));
beforeAll(() => typeCheck(modules), 180_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const where = (e: { name: string; file: string }): string => `${e.name} (${relative(root, e.file)})`;

test("every public export and method has a doc comment with a summary and an example", () => {
  expect(all.length).toBeGreaterThan(500);
  expect(all.map((e) => e.name)).toEqual(expect.arrayContaining(["bp.layers.dense", "bp.Sequential.fit", "bp.Tensor.toArray"]));
  const missing = all.filter((e) => (e.doc.split("\n")[0] ?? "").trim() === "").map(where);
  expect(missing, "without a doc comment that starts with a summary").toEqual([]);
  const noExample = all.filter((e) => e.examples.length === 0).map(where);
  expect(noExample, "without an @example").toEqual([]);
  expect([...byFile.values()].flat().length).toBeGreaterThan(500);
  const unchecked = [...byFile.values()].flat().filter((e) => !/\/\/ => /.test(e.code)).map((e) => e.name);
  expect(unchecked, "examples that show no checked value (`expr;   // => value`)").toEqual([]);
});

const backendAtStart = bp.getBackend();

for (const [file, list] of byFile) {
  describe(relative(root, file), () => {
    let examples: Record<string, () => Promise<void>> = {};
    beforeAll(async () => {
      examples = ((await import(moduleOf.get(list) ?? "")) as { examples: typeof examples }).examples;
    });
    afterEach(() => {
      vi.restoreAllMocks();
      if (bp.getBackend() !== backendAtStart) bp.setBackend(backendAtStart);
    });
    for (const e of list) {
      test(e.name, async () => {
        expect(e.errors, `the example does not compile:\n${e.code}\n`).toEqual([]);
        vi.spyOn(console, "log").mockImplementation(() => undefined);
        const run = examples[e.name];
        expect(run, "the example's module did not load").toBeDefined();
        await run?.();
      });
    }
  });
}
