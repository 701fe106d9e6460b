/**
 * `backprop predict`: class probabilities for a PNG picture or for rows of a CSV file. Pictures
 * are prepared like the training images (see image-input.ts); CSV rows hold one sample's raw
 * values each (pixel rows 0–255 are scaled to [0, 1]; table rows are standardized as in training).
 */
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import * as bp from "../index.js";
import { InputError } from "./exit.js";
import { readPngGrey, toModelInput } from "./image-input.js";
import { pct, printJson, type CliIO } from "./io.js";
import { readInputText } from "./read-input.js";
import { openModel, type RunInfo } from "./run-files.js";
import { maxOf } from "../extent.js";

export interface PredictOptions {
  model: string;
  /** Files and folders (of .png / .csv files). */
  input: string[];
  json: boolean;
}

async function csvRows(path: string, size: number, info: RunInfo | undefined): Promise<{ x: Float32Array; n: number; note: string }> {
  const text = await readInputText(path, "a .csv file of samples", (detail) => `input file not found or unreadable: ${path} (${detail})`, 2 ** 29);
  const lines = text.split(/\r?\n/).map((l, i) => ({ no: i + 1, cells: l.split(",").map((c) => c.trim()) })).filter((l) => l.cells.join("") !== "");
  if (lines.length > 0 && lines[0]!.cells.some((c) => c !== "" && !Number.isFinite(Number(c)))) {
    // a header row; a column named like the run's label is left out (predicting on the training file works)
    const drop = info?.label !== undefined ? lines.shift()!.cells.indexOf(info.label) : (lines.shift(), -1);
    if (drop >= 0) for (const l of lines) l.cells.splice(drop, 1);
  }
  if (lines.length === 0) throw new InputError(`${path} has no rows of numbers; expected ${size} comma-separated values per row`);
  const x = new Float32Array(lines.length * size);
  lines.forEach((l, r) => {
    if (l.cells.length !== size) throw new InputError(`${path} line ${l.no} has ${l.cells.length} values; the model takes ${size} per sample`);
    l.cells.forEach((c, j) => {
      const v = c === "" ? NaN : Number(c);
      if (!Number.isFinite(v)) throw new InputError(`${path} line ${l.no}, column ${j + 1}: ${c === "" ? "empty cell" : `"${c}" is not a number`}`);
      x[r * size + j] = v;
    });
  });
  const pre = info?.preprocessing;
  if (pre?.kind === "standardize") {
    for (let i = 0; i < x.length; i++) x[i] = ((x[i] as number) - (pre.mean[i % size] ?? 0)) / (pre.scale[i % size] ?? 1);
    return { x, n: lines.length, note: "standardized with the training statistics" };
  }
  if (x.some((v) => v > 1)) {
    for (let i = 0; i < x.length; i++) x[i] = (x[i] as number) / 255;
    return { x, n: lines.length, note: "values above 1 found: read as 0–255 pixels and divided by 255" };
  }
  return { x, n: lines.length, note: "values used as given" };
}

/** The files named by --input: files as given, folders replaced by their .png and .csv files (sorted). */
export async function inputFiles(inputs: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    let st;
    try {
      st = await stat(input);
    } catch (e) {
      throw new InputError(`input file not found or unreadable: ${input} (${(e as { code?: string }).code ?? (e as Error).message})`);
    }
    if (!st.isDirectory()) {
      files.push(input);
      continue;
    }
    const found = (await readdir(input)).filter((f) => /\.(png|csv)$/i.test(f)).sort();
    if (found.length === 0) throw new InputError(`folder ${input} holds no .png or .csv files`);
    for (const f of found) files.push(join(input, f));
  }
  return files;
}

interface Prediction {
  row: number;
  predicted: number;
  label: string;
  probability?: number;
  probabilities?: Record<string, number>;
  value?: number;
}

type Opened = Awaited<ReturnType<typeof openModel>>;

/** One file's model inputs and how they were prepared. */
async function inputsOf(file: string, { model, info, modelDir }: Opened): Promise<{ x: bp.Tensor; n: number; note: string }> {
  const shape = (model.inputShape ?? []).slice(1).map((d) => d ?? 1);
  const size = shape.reduce((a, b) => a * b, 1);
  if (file.toLowerCase().endsWith(".csv")) {
    const rows = await csvRows(file, size, info);
    return { x: bp.tensor(rows.x, [rows.n, ...shape]), n: rows.n, note: rows.note };
  }
  if (shape.length !== 3 || shape[2] !== 1) throw new InputError(`the model in ${modelDir} takes inputs of shape [${shape.join(",")}], not grey images; give a .csv row of ${size} values`);
  const img = await readPngGrey(file);
  const fit = info?.dataset === "mnist" || (info === undefined && shape[0] === 28) ? "digit" : "resize";
  const { pixels, inverted } = toModelInput(img, shape[0]!, shape[1]!, fit);
  const note = `${img.width}×${img.height} picture → ${shape[0]}×${shape[1]} grey${inverted ? ", inverted (light background)" : ""}${fit === "digit" && (img.width !== 28 || img.height !== 28) ? ", ink centred as in MNIST" : ""}`;
  return { x: bp.tensor(pixels, [1, ...shape]), n: 1, note };
}

function predictions(opened: Opened, x: bp.Tensor, n: number): Prediction[] {
  const out = opened.model.predict(x);
  const k = out.shape[1]!;
  const p = out.dataSync();
  const target = opened.info?.task === "regression" ? (opened.info.target ?? { mean: 0, scale: 1 }) : undefined;
  if (target) return Array.from({ length: n }, (_, r) => ({ row: r + 1, predicted: p[r]! * target.scale + target.mean, label: num(p[r]! * target.scale + target.mean), value: p[r]! * target.scale + target.mean }));
  const names = opened.info?.classNames ?? Array.from({ length: k }, (_, i) => String(i));
  return Array.from({ length: n }, (_, r) => {
    const row = Array.from(p.subarray(r * k, (r + 1) * k));
    const best = row.reduce((b, v, i) => (v > row[b]! ? i : b), 0);
    return { row: r + 1, predicted: best, label: names[best] ?? String(best), probability: row[best]!, probabilities: Object.fromEntries(row.map((v, i) => [names[i] ?? String(i), v])) };
  });
}

const num = (v: number): string => String(Number(v.toPrecision(6)));

/** Runs `backprop predict`: one file in detail, several files (or a folder) one line each. */
export async function predict(o: PredictOptions, io: CliIO): Promise<void> {
  const opened = await openModel(o.model);
  const files = await inputFiles(o.input);
  const detailed = files.length === 1 && o.input.length === 1;
  for (const file of files) {
    const { x, n, note } = await inputsOf(file, opened);
    const preds = predictions(opened, x, n);
    if (o.json) printJson(io, { command: "predict", model: opened.modelDir, input: file, preprocessing: note, predictions: preds });
    else if (detailed) printDetailed(io, file, note, preds);
    else for (const pr of preds) io.out.write(`${file}${n > 1 ? ` row ${pr.row}` : ""}: ${pr.label}${pr.probability !== undefined ? ` (${pct(pr.probability)})` : ""}\n`);
  }
}

function printDetailed(io: CliIO, file: string, note: string, preds: Prediction[]): void {
  io.out.write(`Input: ${file} (${note})\n`);
  for (const pr of preds) {
    const prefix = preds.length > 1 ? `Row ${pr.row}: ` : "";
    if (!pr.probabilities) {
      io.out.write(`${pr.row === 1 ? "\n" : ""}${prefix}predicted ${pr.label}\n`);
      continue;
    }
    io.out.write(`\n${prefix}predicted ${pr.label} (${pct(pr.probability ?? 0)})\n`);
    const names = Object.keys(pr.probabilities);
    const width = maxOf(names.map((s) => s.length), 0);
    Object.entries(pr.probabilities).forEach(([name, v]) => {
      const bar = "█".repeat(Math.round(v * 30));
      io.out.write(`  ${name.padStart(width)}  ${pct(v).padStart(7)}  ${bar}\n`);
    });
  }
}
