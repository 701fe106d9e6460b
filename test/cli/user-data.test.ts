/**
 * The command line on a user's own tables and files: iris (string labels) with no flags, a CSV
 * regression, evaluate / predict of a csv run from another directory without flags, several
 * predict inputs, loadModel of a run directory, "did you mean" hints, messages without internal
 * function names, --threads / --backend and their environment variables, and --help's examples.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { cli, tmp, type Result } from "./helpers.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const dir = tmp("bp-cli-user-data-");
const iris = join(dir, "iris.csv");
const irisRun = join(dir, "iris-run");
let irisTrained: Result;

/** bin/backprop.js in `cwd` with extra environment variables, as a user runs it. */
function binIn(cwd: string, env: Record<string, string>, ...args: string[]): Result {
  const r = spawnSync(process.execPath, [join(root, "bin", "backprop.js"), ...args], { cwd, env: { ...process.env, ...env }, encoding: "utf8", timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  copyFileSync(join(root, "examples", "data", "iris.csv"), iris);
  irisTrained = await cli("train", "--dataset", `csv:${iris}`, "--out", irisRun);
  if (irisTrained.code !== 0) throw new Error(`backprop train exited ${irisTrained.code}: ${irisTrained.stderr}`);
}, 180_000);

describe("iris with no flags", () => {
  test("an mlp on the last column's species reaches 90% test accuracy", () => {
    const results = JSON.parse(readFileSync(join(irisRun, "results.json"), "utf8")) as { test: { accuracy: number; samples: number }; epochs: number };
    expect(results.test.samples).toBe(30);
    expect(results.test.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(results.epochs * Math.ceil(108 / 64)).toBeGreaterThanOrEqual(500); // at least 500 steps on 108 rows
    expect(irisTrained.stdout).toMatch(/mlp \(built-in\)/);
    expect(irisTrained.stdout).toMatch(/3 classes in "species"/);
    expect(irisTrained.stdout).toMatch(/versicolor/);
    expect(irisTrained.stderr).not.toMatch(/chance level/);
  });

  test("run.json keeps the class names, label column, absolute data path and scaler; the report names the classes", () => {
    const info = JSON.parse(readFileSync(join(irisRun, "run.json"), "utf8")) as Record<string, unknown>;
    expect(info["classNames"]).toEqual(["setosa", "versicolor", "virginica"]);
    expect(info["label"]).toBe("species");
    expect(info["dataset"]).toBe(`csv:${iris}`);
    expect(info["task"]).toBe("classification");
    const pre = info["preprocessing"] as { kind: string; mean: number[]; scale: number[] };
    expect(pre.kind).toBe("standardize");
    expect(pre.mean).toHaveLength(4);
    expect(readFileSync(join(irisRun, "report.html"), "utf8")).toMatch(/virginica/);
  });

  test("evaluate and predict work from another directory without repeating flags", () => {
    const elsewhere = tmp("bp-cli-elsewhere-");
    const ev = binIn(elsewhere, {}, "evaluate", "--model", irisRun, "--json");
    expect(ev.stderr).toBe("");
    expect(ev.code).toBe(0);
    const scored = JSON.parse(ev.stdout) as { test: { accuracy: number; samples: number } };
    const trainedScores = JSON.parse(readFileSync(join(irisRun, "results.json"), "utf8")) as { test: { accuracy: number } };
    expect(scored.test.samples).toBe(30);
    expect(scored.test.accuracy).toBeCloseTo(trainedScores.test.accuracy, 6);
    const rows = join(elsewhere, "flowers.csv");
    writeFileSync(rows, readFileSync(iris, "utf8").split("\n").slice(0, 3).join("\n")); // the header (with species) and two setosa rows
    const pr = binIn(elsewhere, {}, "predict", "--model", irisRun, "--input", "flowers.csv");
    expect(pr.code).toBe(0);
    expect(pr.stdout).toMatch(/Row 1: predicted setosa/);
    expect(pr.stdout).toMatch(/Row 2: predicted setosa/);
  }, 240_000);

  test("bp.loadModel accepts the run directory", async () => {
    const model = await bp.loadModel(irisRun);
    expect(model.inputShape).toEqual([null, 4]);
  });
});

describe("csv regression", () => {
  const file = join(dir, "houses.csv");
  const run = join(dir, "houses-run");
  let trained: Result;
  beforeAll(async () => {
    let state = 5;
    const a = Array.from({ length: 800 }, () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 30) - 1); // uniform in [-1, 1)
    const lines = ["rooms,age,price"];
    for (let i = 0; i < 400; i++) lines.push(`${(3 + 2 * a[2 * i]!).toFixed(3)},${(20 + 10 * a[2 * i + 1]!).toFixed(3)},${(150 + 40 * a[2 * i]! - 15 * a[2 * i + 1]! + 0.5 * Math.sin(i)).toFixed(3)}`);
    writeFileSync(file, `${lines.join("\n")}\n`);
    trained = await cli("train", "--dataset", `csv:${file}`, "--label", "price", "--out", run);
  }, 180_000);

  test("non-integer labels train a regression model with MAE, RMSE and R² in the printout, results.json and report", () => {
    expect(trained.code, trained.stderr).toBe(0);
    expect(trained.stdout).toMatch(/regression on "price"/);
    expect(trained.stdout).toMatch(/MAE [\d.]+, RMSE [\d.]+, R² [\d.]+/);
    const results = JSON.parse(readFileSync(join(run, "results.json"), "utf8")) as { task: string; test: { mae: number; rmse: number; r2: number } };
    expect(results.task).toBe("regression");
    expect(results.test.r2).toBeGreaterThan(0.95);
    expect(results.test.rmse).toBeGreaterThanOrEqual(results.test.mae);
    expect(results.test.mae).toBeLessThan(5); // prices span 95..205
    const html = readFileSync(join(run, "report.html"), "utf8");
    expect(html).toMatch(/test MAE/);
    expect(html).toMatch(/test R²/);
    const info = JSON.parse(readFileSync(join(run, "run.json"), "utf8")) as { task: string; target: { mean: number; scale: number } };
    expect(info.task).toBe("regression");
    expect(info.target.scale).toBeGreaterThan(1);
  });

  test("evaluate and predict give values in the target's units", async () => {
    const ev = await cli("evaluate", "--model", run, "--json");
    expect(ev.code, ev.stderr).toBe(0);
    expect((JSON.parse(ev.stdout) as { test: { r2: number } }).test.r2).toBeGreaterThan(0.95);
    const input = join(dir, "one-house.csv");
    writeFileSync(input, "rooms,age\n3,20\n");
    const pr = await cli("predict", "--model", run, "--input", input, "--json");
    expect(pr.code, pr.stderr).toBe(0);
    const value = (JSON.parse(pr.stdout) as { predictions: { value: number }[] }).predictions[0]!.value;
    expect(Math.abs(value - 150)).toBeLessThan(8);
  });

  test("the shipped iris measurements: petal width from the other three (train --help's regression example)", async () => {
    const help = await cli("train", "--help");
    const line = /backprop train (--dataset csv:examples\/data\/iris-measurements\.csv --label petal_width)/.exec(help.stdout)?.[1];
    expect(line).toBeDefined();
    const args = line!.split(" ").map((a) => a.replace("csv:examples", `csv:${join(root, "examples")}`));
    const r = await cli("train", ...args, "--out", join(dir, "petals"), "--json");
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { task: string; test: { r2: number } };
    expect(out.task).toBe("regression");
    expect(out.test.r2).toBeGreaterThan(0.8);
  }, 120_000);

  test("--task classification on non-integer labels says what to do", async () => {
    const r = await cli("train", "--dataset", `csv:${file}`, "--label", "price", "--task", "classification", "--out", join(dir, "no"));
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/non-integer numbers.*--task regression/);
  });
});

describe("chance level", () => {
  test("a test accuracy no better than guessing prints a warning with what to try", async () => {
    const file = join(dir, "constant.csv");
    const rows = ["a,b,label", ...Array.from({ length: 90 }, (_, i) => `1,2,${["x", "y", "z"][i % 3]}`)];
    writeFileSync(file, `${rows.join("\n")}\n`); // features say nothing: every row gets the same prediction
    const r = await cli("train", "--dataset", `csv:${file}`, "--epochs", "2", "--out", join(dir, "constant-run"));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning: test accuracy 33\.33% is at chance level \(33\.33% for 3 classes\).*--epochs.*--lr/);
  }, 120_000);
});

describe("two features", () => {
  test("the report of a 2-feature classifier draws its decision boundary", async () => {
    const file = join(dir, "xor.csv");
    const rng = bp.rand([200, 2], { seed: 3 }).mul(2).sub(1).toArray() as number[][];
    writeFileSync(file, `x1,x2,label\n${rng.map(([a, b]) => `${a},${b},${a! * b! > 0 ? 1 : 0}`).join("\n")}\n`);
    const r = await cli("train", "--dataset", `csv:${file}`, "--epochs", "3", "--out", join(dir, "xor-run"));
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(join(dir, "xor-run", "report.html"), "utf8");
    expect(html).toContain("Test points over the model's prediction");
    expect(readFileSync(join(irisRun, "report.html"), "utf8")).not.toContain("Test points over the model's prediction"); // 4 features: none
  }, 120_000);
});

describe("predict with several inputs", () => {
  test("files and a folder: one JSON record per file", async () => {
    const pics = join(dir, "pics");
    mkdirSync(pics);
    const { PNG } = await import("pngjs");
    const png = new PNG({ width: 28, height: 28 });
    png.data.fill(255);
    for (const name of ["a.png", "b.png"]) writeFileSync(join(pics, name), PNG.sync.write(png));
    writeFileSync(join(dir, "c.png"), PNG.sync.write(png));
    const run = join(dir, "digits");
    const t = await cli("train", "--dataset", "mnist", "--limit", "200", "--epochs", "1", "--out", run);
    expect(t.code, t.stderr).toBe(0);
    const r = await cli("predict", "--model", run, "--input", join(dir, "c.png"), pics, "--json");
    expect(r.code, r.stderr).toBe(0);
    const records = r.stdout.trim().split("\n").map((l) => JSON.parse(l) as { input: string; predictions: unknown[] });
    expect(records.map((x) => x.input)).toEqual([join(dir, "c.png"), join(pics, "a.png"), join(pics, "b.png")]);
    const plain = await cli("predict", "--model", run, "--input", join(dir, "c.png"), pics);
    expect(plain.stdout.trim().split("\n")).toHaveLength(3);
    const notPng = join(dir, "notes.png");
    writeFileSync(notPng, "hello");
    const bad = await cli("predict", "--model", run, "--input", notPng);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/notes\.png is not a PNG picture/);
  }, 180_000);
});

describe("did you mean", () => {
  test("commands, flags, data sets, models and optimizers", async () => {
    expect((await cli("trian")).stderr).toMatch(/did you mean train\?/);
    expect((await cli("train", "--epoch", "2")).stderr).toMatch(/did you mean --epochs\?/);
    expect((await cli("train", "--dataset", "fashion-mnst", "--out", join(dir, "x1"))).stderr).toMatch(/did you mean "fashion-mnist"\?/);
    expect((await cli("train", "--dataset", "houses.csv", "--out", join(dir, "x2"))).stderr).toMatch(/did you mean "csv:houses.csv"\?/);
    expect((await cli("train", "--dataset", `csv:${iris}`, "--label", "specis", "--out", join(dir, "x5"))).stderr).toMatch(/no label column "specis" \(did you mean "species"\?\)/);
    expect((await cli("summary", "--model", "cnnn")).stderr).toMatch(/did you mean "cnn"\?/);
    expect((await cli("train", "--optimizer", "adamm", "--limit", "20", "--out", join(dir, "x3"))).stderr).toMatch(/did you mean "adam"|did you mean.*adam/);
  });

  test("library errors for losses, optimizers, activations, layers and backends", () => {
    const model = bp.sequential({ layers: [bp.layers.dense({ units: 2, inputShape: [3] })] });
    expect(() => model.compile({ optimizer: "adam", loss: "categoricalCrossentropi" as never })).toThrow(/did you mean "categoricalCrossentropy"/);
    expect(() => model.compile({ optimizer: "adamm" as never, loss: "meanSquaredError" })).toThrow(/did you mean "adam/);
    expect(() => bp.layers.dense({ units: 2, activation: "rellu" as never })).toThrow(/did you mean "relu"/);
    expect(() => bp.setBackend("wasn")).toThrow(/did you mean "wasm"/);
  });
});

describe("messages, compute flags and --help", () => {
  test("a bad CSV line is named by file and line, not by an internal function", async () => {
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, "a,b,label\n1,2,0\n3,x,1\n");
    const r = await cli("train", "--dataset", `csv:${bad}`, "--out", join(dir, "x4"));
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/bad\.csv line 3/);
    expect(r.stderr).not.toMatch(/loadCsv|setBackend/);
  });

  test("--backend and --threads, and BACKPROP_BACKEND / BACKPROP_THREADS", () => {
    const flags = binIn(dir, {}, "train", "--backend", "js", "--threads", "1", "--dataset", `csv:${iris}`, "--epochs", "1", "--out", join(dir, "t1"));
    expect(flags.code, flags.stderr).toBe(0);
    expect(flags.stdout).toMatch(/backend js/);
    const env = binIn(dir, { BACKPROP_BACKEND: "js", BACKPROP_THREADS: "1" }, "train", "--dataset", `csv:${iris}`, "--epochs", "1", "--out", join(dir, "t2"));
    expect(env.code, env.stderr).toBe(0);
    expect(env.stdout).toMatch(/backend js/);
    const bad = binIn(dir, { BACKPROP_BACKEND: "gpu" }, "summary", "--model", "cnn");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/BACKPROP_BACKEND "gpu" is not a backend/);
    const badThreads = binIn(dir, { BACKPROP_THREADS: "many" }, "summary", "--model", "cnn");
    expect(badThreads.code).toBe(2);
  }, 240_000);

  test("summary's examples and the shown input-shape default parse", async () => {
    for (const args of [["--model", "cnn"], ["--model", "mlp", "--input-shape", "4", "--classes", "3"], ["--model", "cnn", "--input-shape", "[28,28,1]"]]) {
      const r = await cli("summary", ...args);
      expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBe(0);
    }
  });

  test("the layers file shown in train --help trains as printed", async () => {
    const help = await cli("train", "--help");
    const json = /\{ "layers": \[[\s\S]*?"epochs": 3 \}/.exec(help.stdout)?.[0];
    expect(json).toBeDefined();
    const file = join(dir, "layers.json");
    writeFileSync(file, json!);
    const r = await cli("train", "--dataset", "mnist", "--model", file, "--limit", "100", "--out", join(dir, "layers-run"), "--json");
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { epochs: number }).epochs).toBe(3);
  }, 180_000);
});
