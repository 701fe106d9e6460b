/**
 * `backprop predict`: class probabilities for a PNG picture or for rows of a CSV file. Pictures
 * are prepared like the training images (see image-input.ts); CSV rows hold one sample's raw
 * values each (pixel rows 0–255 are scaled to [0, 1]; table rows are standardized as in training).
 */
import * as bp from "../index.js";
import { InputError } from "./exit.js";
import { readPngGrey, toModelInput } from "./image-input.js";
import { pct, printJson, type CliIO } from "./io.js";
import { readInputText } from "./read-input.js";
import { openModel, type RunInfo } from "./run-files.js";
import { maxOf } from "../extent.js";

export interface PredictOptions {
  model: string;
  input: string;
  json: boolean;
}

async function csvRows(path: string, size: number, info: RunInfo | undefined): Promise<{ x: Float32Array; n: number; note: string }> {
  const text = await readInputText(path, "a .csv file of samples", (detail) => `input file not found or unreadable: ${path} (${detail})`, 2 ** 29);
  const lines = text.split(/\r?\n/).map((l, i) => ({ no: i + 1, cells: l.split(",").map((c) => c.trim()) })).filter((l) => l.cells.join("") !== "");
  if (lines.length > 0 && lines[0]!.cells.some((c) => c !== "" && !Number.isFinite(Number(c)))) lines.shift(); // a header row
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

/** Runs `backprop predict`. */
export async function predict(o: PredictOptions, io: CliIO): Promise<void> {
  const { model, info, modelDir } = await openModel(o.model);
  const shape = (model.inputShape ?? []).slice(1).map((d) => d ?? 1);
  const size = shape.reduce((a, b) => a * b, 1);
  let x: bp.Tensor;
  let note: string;
  let n = 1;
  const isCsv = o.input.toLowerCase().endsWith(".csv");
  if (isCsv) {
    const rows = await csvRows(o.input, size, info);
    x = bp.tensor(rows.x, [rows.n, ...shape]);
    note = rows.note;
    n = rows.n;
  } else {
    if (shape.length !== 3 || shape[2] !== 1) throw new InputError(`the model in ${modelDir} takes inputs of shape [${shape.join(",")}], not grey images; give a .csv row of ${size} values`);
    const img = await readPngGrey(o.input);
    const fit = info?.dataset === "mnist" || (info === undefined && shape[0] === 28) ? "digit" : "resize";
    const { pixels, inverted } = toModelInput(img, shape[0]!, shape[1]!, fit);
    x = bp.tensor(pixels, [1, ...shape]);
    note = `${img.width}×${img.height} picture → ${shape[0]}×${shape[1]} grey${inverted ? ", inverted (light background)" : ""}${fit === "digit" && (img.width !== 28 || img.height !== 28) ? ", ink centred as in MNIST" : ""}`;
  }
  const probs = model.predict(x);
  const k = probs.shape[1]!;
  const p = probs.dataSync();
  const names = info?.classNames ?? Array.from({ length: k }, (_, i) => String(i));
  const predictions = Array.from({ length: n }, (_, r) => {
    const row = Array.from(p.subarray(r * k, (r + 1) * k));
    const best = row.indexOf(maxOf(row));
    return { row: r + 1, predicted: best, label: names[best] ?? String(best), probability: row[best]!, probabilities: Object.fromEntries(row.map((v, i) => [names[i] ?? String(i), v])) };
  });
  if (o.json) {
    printJson(io, { command: "predict", model: modelDir, input: o.input, preprocessing: note, predictions });
    return;
  }
  io.out.write(`Input: ${o.input} (${note})\n`);
  for (const pr of predictions) {
    io.out.write(`\n${n > 1 ? `Row ${pr.row}: ` : ""}predicted ${pr.label} (${pct(pr.probability)})\n`);
    const width = maxOf(names.map((s) => s.length));
    Object.entries(pr.probabilities).forEach(([name, v]) => {
      const bar = "█".repeat(Math.round(v * 30));
      io.out.write(`  ${name.padStart(width)}  ${pct(v).padStart(7)}  ${bar}\n`);
    });
  }
}
