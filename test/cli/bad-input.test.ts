/**
 * Bad input to the command line: each is one line on stderr naming the problem, a non-zero exit
 * code of the right kind, no stack trace, and nothing written in --out.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { EXIT } from "../../src/cli/exit.js";
import { idxBytes, writeIdxPair } from "../data/write-idx.js";
import { bin, cli, PROCESS_TIMEOUT, saveUntrained, tmp } from "./helpers.js";

const dir = tmp("bp-cli-bad-");
const out = join(dir, "out");
let modelDir = "";

beforeAll(async () => {
  // a saved (untrained) model to feed predict / evaluate bad inputs
  modelDir = join(dir, "saved");
  await saveUntrained("cnn", join(modelDir, "model"));
  writeFileSync(join(dir, "ok.csv"), "a,b,label\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n9,1,0\n");
  writeFileSync(join(dir, "bad.csv"), "a,b,label\n1,2,0\n3,x7,1\n");
  writeFileSync(join(dir, "fake.png"), "this is not a png");
  writeFileSync(join(dir, "layers-bad.json"), JSON.stringify([{ type: "dense", units: 4 }, { type: "denze", units: 2 }]));
  writeFileSync(join(dir, "not-json.json"), "[{ type: dense }");
  for (const name of ["trunc", "magic", "nolabels"]) mkdirSync(join(dir, name));
  const f = writeIdxPair(join(dir, "trunc"), "train", 8, { rows: 28, cols: 28 });
  writeFileSync(f.images, readFileSync(f.images).subarray(0, 2000));
  const g = writeIdxPair(join(dir, "magic"), "train", 8);
  writeFileSync(g.images, idxBytes(2052, [8, 28, 28], new Uint8Array(8 * 784)));
  const h = writeIdxPair(join(dir, "nolabels"), "train", 8);
  writeFileSync(h.labels, idxBytes(2049, [7], [0, 1, 2, 3, 4, 5, 6]));
  mkdirSync(join(dir, "full"));
  writeFileSync(join(dir, "full", "keep.txt"), "x");
});

const cases: [string, () => string[], number, RegExp][] = [
  ["missing IDX directory", () => ["train", "--dataset", `idx:${dir}/absent`, "--out", out], EXIT.input, /data directory not found: .*absent/],
  ["truncated IDX file", () => ["train", "--dataset", `idx:${dir}/trunc`, "--out", out], EXIT.input, /train-images-idx3-ubyte is truncated/],
  ["wrong IDX magic number", () => ["train", "--dataset", `idx:${dir}/magic`, "--out", out], EXIT.input, /magic number 2052; expected 2051/],
  ["IDX labels count differs", () => ["train", "--dataset", `idx:${dir}/nolabels`, "--out", out], EXIT.input, /holds 8 images but .* holds 7 labels/],
  ["CSV with a non-numeric cell", () => ["train", "--dataset", `csv:${dir}/bad.csv`, "--model", "mlp", "--out", out], EXIT.input, /bad\.csv line 3, column "b" \(2\): "x7" is not a number/],
  ["CSV label column that does not exist", () => ["train", "--dataset", `csv:${dir}/ok.csv`, "--label", "target", "--model", "mlp", "--out", out], EXIT.input, /no label column "target"; its columns are "a", "b", "label"/],
  ["missing CSV file", () => ["train", "--dataset", `csv:${dir}/absent.csv`, "--out", out], EXIT.input, /file not found: .*absent\.csv/],
  ["unknown --model", () => ["train", "--model", "resnet", "--out", out], EXIT.usage, /unknown --model "resnet"; expected cnn, mlp or a FILE\.json/],
  ["cnn on a table", () => ["train", "--dataset", `csv:${dir}/ok.csv`, "--model", "cnn", "--out", out], EXIT.usage, /--model cnn needs image inputs/],
  ["unknown layer type in a model file", () => ["train", "--model", `${dir}/layers-bad.json`, "--out", out], EXIT.input, /layer 2: unknown layer type "denze"/],
  ["model file that is not JSON", () => ["train", "--model", `${dir}/not-json.json`, "--out", out], EXIT.input, /not-json\.json is not valid JSON/],
  ["missing model file", () => ["train", "--model", `${dir}/absent.json`, "--out", out], EXIT.input, /model file not found or unreadable: .*absent\.json/],
  ["--epochs -1", () => ["train", "--epochs", "-1", "--out", out], EXIT.usage, /--epochs must be a positive integer, got -1/],
  ["--epochs abc", () => ["train", "--epochs", "abc", "--out", out], EXIT.usage, /--epochs must be a positive integer, got abc/],
  ["--lr 0", () => ["train", "--lr", "0", "--out", out], EXIT.usage, /--lr must be a positive number, got 0/],
  ["--validation-split 1", () => ["train", "--validation-split", "1", "--out", out], EXIT.usage, /in \[0, 1\), got 1/],
  ["unknown --optimizer", () => ["train", "--optimizer", "adamm", "--limit", "20", "--out", out], EXIT.usage, /unknown --optimizer "adamm"/],
  ["unknown --dataset", () => ["train", "--dataset", "cifar", "--out", out], EXIT.usage, /unknown dataset "cifar"/],
  ["unknown --backend", () => ["--backend", "cuda", "train", "--out", out], EXIT.usage, /--backend "cuda" is not a backend; expected js or wasm/],
  ["--out exists and is not empty", () => ["train", "--out", join(dir, "full")], EXIT.usage, /already exists and is not empty/],
  ["unknown option", () => ["train", "--epoch", "3"], EXIT.usage, /unknown option '--epoch'/],
  ["unknown command", () => ["fit"], EXIT.usage, /unknown command 'fit'/],
  ["a PNG that is not a PNG", () => ["predict", "--model", modelDir, "--input", join(dir, "fake.png")], EXIT.input, /fake\.png is not a PNG picture/],
  ["missing input file", () => ["predict", "--model", modelDir, "--input", join(dir, "absent.png")], EXIT.input, /input file not found or unreadable: .*absent\.png/],
  ["CSV row of the wrong length", () => ["predict", "--model", modelDir, "--input", join(dir, "ok.csv")], EXIT.input, /ok\.csv line 2 has 3 values; the model takes 784 per sample/],
  ["evaluate without a saved model", () => ["evaluate", "--model", join(dir, "absent")], EXIT.input, /no saved model in .*absent/],
  ["predict without --input", () => ["predict", "--model", modelDir], EXIT.usage, /required option '--input <files\.\.\.>' not specified/],
];

describe.each(cases)("%s", (_name, args, code, message) => {
  test("one line naming the problem, the right exit code, nothing in --out", async () => {
    const r = await cli(...args());
    expect(r.stderr).toMatch(message);
    expect(r.code).toBe(code);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });
});

describe("as a process", () => {
  test("bad input: exit code and one line on stderr, no stack trace", () => {
    const r = bin("train", "--epochs", "-1");
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr.trim()).toBe("backprop train: option '--epochs <n>' argument '-1' is invalid. --epochs must be a positive integer, got -1 (see backprop train --help)");
    const m = bin("evaluate", "--model", join(dir, "absent"));
    expect(m.code).toBe(EXIT.input);
    expect(m.stderr.trim().split("\n")).toHaveLength(1);
  }, 2 * PROCESS_TIMEOUT);

  test("no arguments prints the usage and exits 2", () => {
    const r = bin();
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toContain("Usage: backprop");
  }, PROCESS_TIMEOUT);
});
