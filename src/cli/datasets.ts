/**
 * The data sets the command line trains and evaluates on: `mnist` (embedded), `fashion-mnist`
 * (Debian's dataset-fashion-mnist files, or --data-dir), `idx:DIR` (MNIST-style IDX files) and
 * `csv:FILE` (a table with a label column). Images are scaled to [0, 1]; tables are standardized with
 * statistics of their training part, which travel with the saved model.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { open } from "node:fs/promises";
import { join, resolve } from "node:path";
import * as data from "../data/index.js";
import type { Tensor } from "../tensor/tensor.js";
import { maxOf } from "../extent.js";
import { didYouMean } from "../suggest.js";
import { InputError, UsageError } from "./exit.js";

export const FASHION_DIR = "/usr/share/datasets/fashion-mnist";
export const FASHION_CLASSES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];
const DIGITS = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

/** How raw inputs become model inputs; saved with a run so `predict` does the same. */
export type Preprocessing = { kind: "image"; scale: 255 } | { kind: "standardize"; mean: number[]; scale: number[] };

/** Classification (one-hot targets, softmax) or regression (one standardized number per sample). */
export type Task = "classification" | "regression";

/** A regression target's standardization: the model predicts (y - mean) / scale. */
export interface TargetScaling {
  mean: number;
  scale: number;
}

export interface LoadedDataset {
  /** The --dataset value it came from. */
  spec: string;
  /** A short description: "mnist (8,000 train / 2,000 test)". */
  description: string;
  xTrain: Tensor;
  yTrain: Tensor;
  xTest: Tensor;
  yTest: Tensor;
  classNames: string[];
  /** One sample's shape, e.g. [28, 28, 1] or [4]. */
  inputShape: number[];
  preprocessing: Preprocessing;
  task: Task;
  /** Regression only: how targets were standardized (yTrain / yTest hold standardized [N, 1] values). */
  target?: TargetScaling;
  /** A csv:FILE's label column. */
  label?: string;
}

export interface DatasetOptions {
  dataDir?: string;
  /** Label column of a CSV file (default "label"). */
  label?: string;
  /** Use at most this many training and test samples. */
  limit?: number;
  /** Seed of the train/test split of sets without one (idx without test files, csv). */
  seed: number;
  /** Overrides the task a csv label column suggests. */
  task?: Task;
}

const count = (n: number): string => n.toLocaleString("en-US");

/** The most classes a data set or --classes may have: one-hot labels and the output layer grow with it. */
export const MAX_CLASSES = 100_000;

function findIdx(dir: string, part: "train" | "test", kind: "images" | "labels"): string | undefined {
  const prefix = part === "train" ? ["train"] : ["t10k", "test"];
  const rank = kind === "images" ? "idx3" : "idx1";
  const files = readdirSync(dir).sort();
  return files.map((f) => join(dir, f)).find((p) => {
    const f = p.slice(dir.length + 1).toLowerCase();
    return prefix.some((x) => f.startsWith(x)) && f.includes(kind) && f.includes(rank);
  });
}

async function idxDataset(spec: string, dir: string, classNames: string[] | undefined, o: DatasetOptions): Promise<LoadedDataset> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    const hint = spec === "fashion-mnist" ? " (install Debian's dataset-fashion-mnist package, or pass --data-dir DIR)" : "";
    throw new InputError(`data directory not found: ${dir}${hint}; expected train-images-idx3-ubyte(.gz) and train-labels-idx1-ubyte(.gz) there`);
  }
  const trainImages = findIdx(dir, "train", "images");
  const trainLabels = findIdx(dir, "train", "labels");
  if (!trainImages || !trainLabels) {
    throw new InputError(`${dir} has no IDX training files; expected train-images-idx3-ubyte(.gz) and train-labels-idx1-ubyte(.gz)`);
  }
  const train = await data.loadIdx(trainImages, trainLabels);
  const testImages = findIdx(dir, "test", "images");
  const testLabels = findIdx(dir, "test", "labels");
  let xTrain = train.x;
  let yTrain = train.y;
  let xTest: Tensor;
  let yTest: Tensor;
  if (testImages && testLabels) {
    const test = await data.loadIdx(testImages, testLabels);
    const k = Math.max(train.y.shape[1]!, test.y.shape[1]!);
    [yTrain, yTest] = [data.oneHot(train.labels, k), data.oneHot(test.labels, k)];
    xTest = test.x;
  } else {
    const s = data.split(train.x, train.y, { test: 0.2, seed: o.seed });
    [xTrain, yTrain, xTest, yTest] = [s.train.x, s.train.y!, s.test.x, s.test.y!];
  }
  const k = yTrain.shape[1]!;
  return finish({
    spec, description: spec, xTrain, yTrain, xTest, yTest,
    classNames: classNames ?? Array.from({ length: k }, (_, i) => String(i)),
    inputShape: xTrain.shape.slice(1), preprocessing: { kind: "image", scale: 255 }, task: "classification",
  }, o);
}

/** Without --label: the column named "label", else the last column (as in iris.csv's "species"). */
async function defaultLabel(file: string): Promise<string> {
  let head = "";
  try {
    const fh = await open(file, "r");
    try {
      const buf = Buffer.alloc(65536);
      const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
      head = buf.subarray(0, bytesRead).toString("utf8").split(/\r?\n/)[0] ?? "";
    } finally {
      await fh.close();
    }
  } catch {
    return "label"; // loadCsv reports the missing or unreadable file
  }
  const columns = head.split(",").map((c) => c.trim().replace(/^"(.*)"$/, "$1"));
  return columns.includes("label") || columns.length < 2 ? "label" : (columns[columns.length - 1] ?? "label");
}

async function csvDataset(spec: string, file: string, o: DatasetOptions): Promise<LoadedDataset> {
  const label = o.label ?? (await defaultLabel(file));
  const table = await data.loadCsv(file, { label });
  const y = table.y!;
  const task: Task = o.task ?? (y.dtype === "int32" ? "classification" : "regression");
  const base = { spec: `csv:${resolve(file)}`, description: spec, inputShape: [table.x.shape[1]!], task, label };
  if (task === "regression") return regressionTable(base, table.x, y, table.classes, file, o);
  if (y.dtype !== "int32") {
    throw new InputError(`${file}: label column "${label}" holds non-integer numbers; expected class labels (integers or names) for --task classification, or use --task regression`);
  }
  const labels = Array.from(y.dataSync());
  if (labels.some((v) => v < 0)) throw new InputError(`${file}: label column "${label}" holds negative numbers; expected class indices 0, 1, ... or class names`);
  const largest = maxOf(labels, -1);
  if (largest < 0) throw new InputError(`${file} has a header row but no data rows; expected rows of numbers with a "${label}" column`);
  if (largest >= MAX_CLASSES) {
    throw new InputError(`${file}: label ${largest} in column "${label}" would make ${largest + 1} classes; the limit is ${count(MAX_CLASSES)} classes (labels are class indices 0, 1, ... or class names)`);
  }
  const k = largest + 1;
  const classNames = table.classes ?? Array.from({ length: k }, (_, i) => String(i));
  const s = data.split(table.x, data.oneHot(labels, k), { test: 0.2, seed: o.seed });
  const scaler = data.standardScaler().fit(s.train.x);
  return finish({
    ...base, xTrain: scaler.transform(s.train.x), yTrain: s.train.y!, xTest: scaler.transform(s.test.x), yTest: s.test.y!,
    classNames, preprocessing: { kind: "standardize", mean: Array.from(scaler.mean.dataSync()), scale: Array.from(scaler.scale.dataSync()) },
  }, o);
}

type TableBase = Pick<LoadedDataset, "spec" | "description" | "inputShape" | "task" | "label">;

/** A table with a numeric target: features and target standardized with the training part's statistics. */
function regressionTable(base: TableBase, x: Tensor, y: Tensor, classes: string[] | undefined, file: string, o: DatasetOptions): LoadedDataset {
  if (classes) throw new InputError(`${file}: label column "${base.label}" holds names (${classes.slice(0, 3).join(", ")}, …); --task regression needs numbers`);
  const n = y.shape[0]!;
  const s = data.split(x, y.cast("float32").reshape([n, 1]), { test: 0.2, seed: o.seed, stratify: false });
  const scaler = data.standardScaler().fit(s.train.x);
  const t = Array.from(s.train.y!.dataSync());
  const mean = t.reduce((a, b) => a + b, 0) / Math.max(1, t.length);
  const sd = Math.sqrt(t.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, t.length));
  const scale = sd > 0 ? sd : 1;
  const std = (v: Tensor): Tensor => v.sub(mean).div(scale);
  return finish({
    ...base, xTrain: scaler.transform(s.train.x), yTrain: std(s.train.y!), xTest: scaler.transform(s.test.x), yTest: std(s.test.y!),
    classNames: [], target: { mean, scale },
    preprocessing: { kind: "standardize", mean: Array.from(scaler.mean.dataSync()), scale: Array.from(scaler.scale.dataSync()) },
  }, o);
}

function finish(d: LoadedDataset, o: DatasetOptions): LoadedDataset {
  if (o.limit !== undefined) {
    const take = (t: Tensor): Tensor => t.slice(0, Math.min(o.limit!, t.shape[0]!));
    [d.xTrain, d.yTrain, d.xTest, d.yTest] = [take(d.xTrain), take(d.yTrain), take(d.xTest), take(d.yTest)];
  }
  const what = d.task === "regression" ? `regression on "${d.label ?? "label"}"` : `${d.classNames.length} classes${d.label !== undefined ? ` in "${d.label}"` : ""}`;
  d.description = `${d.description} (${count(d.xTrain.shape[0]!)} training / ${count(d.xTest.shape[0]!)} test samples, ${what}, input ${d.inputShape.join("×")})`;
  return d;
}

/** Loads the data set named by a --dataset value. */
export async function loadDataset(spec: string, o: DatasetOptions): Promise<LoadedDataset> {
  if (spec === "mnist") {
    const m = await data.mnist();
    return finish({ spec, description: spec, ...m, classNames: DIGITS, inputShape: [28, 28, 1], preprocessing: { kind: "image", scale: 255 }, task: "classification" }, o);
  }
  if (spec === "fashion-mnist") return idxDataset(spec, o.dataDir ?? FASHION_DIR, FASHION_CLASSES, o);
  if (spec.startsWith("idx:")) return idxDataset(`idx:${resolve(spec.slice(4))}`, spec.slice(4), undefined, o); // absolute in run.json
  if (spec.startsWith("csv:")) return csvDataset(spec, spec.slice(4), o);
  const hint = /\.csv$/i.test(spec) ? ` (did you mean "csv:${spec}"?)` : didYouMean(spec, ["mnist", "fashion-mnist"]);
  throw new UsageError(`unknown dataset "${spec}"${hint}; expected mnist, fashion-mnist, idx:DIR or csv:FILE`);
}
