/**
 * Hostile files given to the command line: each is refused at once with one line naming the file,
 * the field or size and the limit, and exit code 3 (2 for a flag); large but honest inputs work.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { EXIT } from "../../src/cli/exit.js";
import { loadDataset } from "../../src/cli/datasets.js";
import { writeHostileInputs } from "../hostile-files.js";
import { cli, saveUntrained, tmp } from "./helpers.js";

const dir = tmp("bp-cli-hostile-");
const out = join(dir, "out");
let modelDir = "";

beforeAll(async () => {
  modelDir = join(dir, "saved");
  await saveUntrained("mlp", modelDir);
  mkdirSync(join(dir, "no-weights"));
  writeFileSync(join(dir, "no-weights", "model.json"), readFileSync(join(modelDir, "model.json")));
  await writeHostileInputs(dir);
});

const cases: [string, () => string[], number, RegExp][] = [
  ["missing weights.bin", () => ["summary", "--model", join(dir, "no-weights")], EXIT.input, /weights\.bin/],
  [
    "header-only CSV",
    () => ["train", "--dataset", `csv:${dir}/header-only.csv`, "--model", "mlp", "--out", out],
    EXIT.input,
    /header-only\.csv has a header row but no data rows/,
  ],
  [
    "IDX file with a zero dimension",
    () => ["train", "--dataset", `idx:${dir}/idx-zero`, "--model", "mlp", "--out", out],
    EXIT.input,
    /train-images-idx3-ubyte: dimension 1 of \[0×28×28\] is 0/,
  ],
  [
    "IDX gzip bomb with a bad magic number",
    () => ["train", "--dataset", `idx:${dir}/idx-bomb`, "--model", "mlp", "--out", out],
    EXIT.input,
    /magic number 0; expected 2051/,
  ],
  [
    "PNG of 20000×20000 pixels",
    () => ["predict", "--model", modelDir, "--input", join(dir, "bomb.png")],
    EXIT.input,
    /bomb\.png is 20000×20000 pixels \(400\.0 megapixels\); the limit is 40 megapixels/,
  ],
  [
    "CSV label of 3,000,000",
    () => ["train", "--dataset", `csv:${dir}/label3m.csv`, "--model", "mlp", "--out", out],
    EXIT.input,
    /label3m\.csv: label 3000000 .* limit is 100,000 classes/,
  ],
  [
    "--classes 5000000",
    () => ["summary", "--model", "mlp", "--classes", "5000000"],
    EXIT.usage,
    /--classes 5000000 .* limit is 100,000/,
  ],
  [
    "units 1e9 in a layers file",
    () => ["train", "--dataset", `csv:${dir}/small.csv`, "--model", `${dir}/units1e9.json`, "--out", out],
    EXIT.input,
    /units1e9\.json: .*"kernel" of shape \[2,1000000000\] .*limit/,
  ],
];

describe.each(cases)("%s", (_name, args, code, message) => {
  test("one line naming the problem, the right exit code, nothing in --out", async () => {
    const before = process.memoryUsage().rss;
    const r = await cli(...args());
    expect(r.stderr).toMatch(message);
    expect(r.code).toBe(code);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
    // refused before anything large is allocated
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 2 ** 20);
  }, 60_000);
});

describe("large but honest inputs", () => {
  test("a 500×500 greyscale PNG is predicted", async () => {
    const r = await cli("predict", "--model", modelDir, "--input", join(dir, "grey500.png"), "--json");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(EXIT.ok);
    expect(JSON.parse(r.stdout).predictions).toHaveLength(1);
  });

  test("a CSV of 200,000 rows loads (no spread of its labels)", async () => {
    const lines = ["a,b,label"];
    for (let i = 0; i < 200_000; i++) lines.push(`${i % 97},${i % 13},${i % 3}`);
    writeFileSync(join(dir, "big.csv"), `${lines.join("\n")}\n`);
    const ds = await loadDataset(`csv:${dir}/big.csv`, { seed: 1 });
    expect(ds.classNames).toEqual(["0", "1", "2"]);
    expect(ds.xTrain.shape[0]! + ds.xTest.shape[0]!).toBe(200_000);
  }, 60_000);
});

describe("links in a model directory", () => {
  test("weights.bin linked to /dev/zero, to a file outside, or a FIFO: exit 3 at once", async () => {
    const d = join(dir, "linked");
    mkdirSync(d);
    writeFileSync(join(d, "model.json"), readFileSync(join(modelDir, "model.json")));
    symlinkSync("/dev/zero", join(d, "weights.bin"));
    let r = await cli("summary", "--model", d);
    expect(r.code).toBe(EXIT.input);
    expect(r.stderr).toMatch(/weights\.bin .*outside/);
    unlinkSync(join(d, "weights.bin"));
    symlinkSync("/etc/passwd", join(d, "weights.bin"));
    r = await cli("summary", "--model", d);
    expect(r.code).toBe(EXIT.input);
    expect(r.stderr).toMatch(/outside/);
    expect(r.stderr).not.toMatch(/passwd.*bytes|bytes.*passwd/);
    rmSync(d, { recursive: true });
  });
});

describe("files that never end", () => {
  test("a FIFO as --model FILE.json, as predict's CSV input, or /dev/zero as a PNG: exit 3 at once", async () => {
    const { spawnSync } = await import("node:child_process");
    spawnSync("mkfifo", [join(dir, "layers.json"), join(dir, "rows.csv")]);
    symlinkSync("/dev/zero", join(dir, "zero.png"));
    const a = await cli(
      "train",
      "--dataset",
      `csv:${dir}/small.csv`,
      "--model",
      join(dir, "layers.json"),
      "--out",
      out,
    );
    expect(a.code).toBe(EXIT.input);
    expect(a.stderr).toMatch(/layers\.json is not a regular file \(a FIFO\)/);
    const b = await cli("predict", "--model", modelDir, "--input", join(dir, "rows.csv"));
    expect(b.code).toBe(EXIT.input);
    expect(b.stderr).toMatch(/rows\.csv is not a regular file \(a FIFO\)/);
    const c = await cli("predict", "--model", modelDir, "--input", join(dir, "zero.png"));
    expect(c.code).toBe(EXIT.input);
    expect(c.stderr).toMatch(/zero\.png is not a regular file \(a device\)/);
  }, 20_000);
});
