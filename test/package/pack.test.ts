/**
 * The package as users install it: `npm pack` (which builds dist/), the tarball installed into a
 * scratch project (from npm's cache; the registry only for what the cache lacks), then used from
 * ESM, CommonJS, TypeScript with NodeNext and with bundler resolution, and the CLI from
 * node_modules/.bin. The tarball holds what the package needs and nothing else.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SCRATCH_FILES } from "./scratch-files.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { name: string; version: string };
const LIMIT = 600_000;
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command without blocking the test worker (a blocked worker cannot report to vitest). */
function run(cmd: string, args: string[], cwd: string): Promise<Ran> {
  const env = { ...process.env, NO_COLOR: "1", npm_config_update_notifier: "false" };
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, timeout: LIMIT });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

async function ok(running: Promise<Ran>, what: string): Promise<string> {
  const r = await running;
  expect(r.status, `${what} failed:\n${r.stdout}\n${r.stderr}`).toBe(0);
  return r.stdout;
}

describe("the packed package", () => {
  let work: string;
  let tarball: string;
  let files: string[];
  let project: string;
  let installLog: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "bp-pack-"));
    const packed = JSON.parse(await ok(run(npm, ["pack", "--json", "--pack-destination", work], root), "npm pack")) as {
      filename: string;
      files: { path: string }[];
    }[];
    tarball = join(work, packed[0]!.filename);
    files = packed[0]!.files.map((f) => f.path).sort();
    project = join(work, "project");
    mkdirSync(project);
    for (const [name, text] of Object.entries(SCRATCH_FILES)) {
      mkdirSync(dirname(join(project, name)), { recursive: true });
      writeFileSync(join(project, name), text);
    }
    const args = ["install", "--no-audit", "--no-fund", tarball];
    let r = await run(npm, ["--offline", ...args], project);
    // the first run on a machine may need the registry for dependency metadata missing from the cache
    if (r.status !== 0) r = await run(npm, ["--prefer-offline", ...args], project);
    installLog = (await ok(Promise.resolve(r), "npm install")) + r.stderr;
  }, LIMIT);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test("the tarball holds dist/, the built playground, the command, README, LICENSE and package.json, and nothing else", async () => {
    const expected = ["LICENSE", "README.md", "bin/backprop.js", "package.json"];
    for (const f of expected) expect(files).toContain(f);
    for (const f of ["dist/index.js", "dist/index.d.ts", "dist/cli/main.js", "dist/backend/wasm/module.generated.js"]) expect(files).toContain(f);
    for (const f of ["playground/dist/index.html", "playground/dist/main.js", "playground/dist/worker.js"]) expect(files).toContain(f);
    const stray = files.filter((f) => !expected.includes(f) && !/^dist\/.+\.(js|d\.ts|js\.map)$/.test(f) && !/^playground\/dist\/[^/]+$/.test(f));
    expect(stray).toEqual([]);
    // every built file comes from a source file of today (a clean build: nothing stale, no tests)
    const orphans = files.filter((f) => f.startsWith("dist/")).filter((f) => !existsSync(join(root, f.replace(/^dist\//, "src/").replace(/(\.d\.ts|\.js\.map|\.js)$/, ".ts"))));
    expect(orphans).toEqual([]);
  });

  test("source maps carry their sources (src/ is not shipped)", () => {
    const map = JSON.parse(readFileSync(join(project, "node_modules", "backprop", "dist", "tensor", "tensor.js.map"), "utf8")) as {
      sources: string[];
      sourcesContent?: (string | null)[];
    };
    expect(map.sources).toEqual(["../../src/tensor/tensor.ts"]);
    expect(map.sourcesContent?.[0]).toContain("export class Tensor");
  });

  test("installing prints no warnings", () => {
    expect(installLog).not.toMatch(/\bwarn/i);
  });

  test("ESM: import * as bp from \"backprop\" trains and predicts", async () => {
    const out = JSON.parse(await ok(run(process.execPath, ["esm.mjs"], project), "node esm.mjs")) as Record<string, unknown>;
    expect(out).toEqual({ sum: [2, 3, 4], backend: "wasm", accuracy: 1, sameModule: true, threads: 2, product: 384 });
  });

  test("CommonJS: require(\"backprop\") gives the same library", async () => {
    const out = JSON.parse(await ok(run(process.execPath, ["cjs.cjs"], project), "node cjs.cjs")) as Record<string, unknown>;
    expect(out).toEqual({ sum: [2, 3, 4], backend: "wasm", accuracy: 1, isError: true });
  });

  test.each(["nodenext", "bundler"])("TypeScript with %s resolution type-checks, and a misspelt name is a type error", async (dir) => {
    const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
    await ok(run(process.execPath, [tsc, "-p", join(dir, "tsconfig.json")], project), `tsc -p ${dir}`);
  });

  test("TypeScript NodeNext output runs", async () => {
    const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
    await ok(run(process.execPath, [tsc, "-p", join("nodenext", "tsconfig.json"), "--noEmit", "false", "--outDir", join(project, "nodenext", "out")], project), "tsc emit");
    expect(JSON.parse(await ok(run(process.execPath, [join("nodenext", "out", "main.js")], project), "node main.js"))).toEqual({ shape: [2, 2], loss: "categoricalCrossentropy" });
  });

  test("the command from node_modules/.bin: --version, summary, a short training run", async () => {
    const bin = join(project, "node_modules", ".bin", "backprop");
    expect((await ok(run(bin, ["--version"], project), "backprop --version")).trim()).toBe(pkg.version);
    expect(await ok(run(bin, ["summary", "--model", "mlp"], project), "backprop summary")).toMatch(/Total params: 235,146/);
    const out = join(project, "runs", "mlp");
    const text = await ok(run(bin, ["train", "--model", "mlp", "--epochs", "1", "--limit", "500", "--out", out], project), "backprop train");
    expect(text).toMatch(/test accuracy/i);
    expect(readFileSync(join(out, "report.html"), "utf8")).toContain("<html");
  });
});
