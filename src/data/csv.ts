/**
 * CSV parsing (no file system here, so it bundles for browsers): a header row, numeric feature
 * columns and an optional label column, which may hold numbers or class names. Every bad cell is
 * reported with its line and column.
 */
import { FormatError, NotFoundError, ValueError } from "../errors.js";
import { didYouMean } from "../suggest.js";
import { makeTensor, type Tensor } from "../tensor/tensor.js";

/**
 * Options of `bp.data.loadCsv(path, { label })`: which column holds the label, and how the file is read.
 *
 * @example
 * const options: bp.data.CsvOptions = { header: false, delimiter: ";", label: 2 };
 * bp.data.parseCsv("1;2;0\n3;4;1\n", "rows.csv", options).columns;   // => ["column_0", "column_1"]
 */
export interface CsvOptions {
  /** The label column: its header name, or its 0-based index. Default: none (all columns are features). */
  label?: string | number;
  /** Whether the first line names the columns; default true. */
  header?: boolean;
  /** Field separator; default ",". */
  delimiter?: string;
}

/**
 * A parsed CSV table.
 *
 * @example
 * const data: bp.data.CsvDataset = bp.data.parseCsv("height,weight\n1.8,80\n1.6,55\n", "people.csv", { label: "weight" });
 * data.columns;   // => ["height"]
 * data.y;   // => [80, 55]
 */
export interface CsvDataset {
  /** [N, F] float32 features: every column but the label. */
  x: Tensor;
  /** [N] labels: int32 when all are integers or class names, else float32; absent without `label`. */
  y: Tensor | undefined;
  /** The feature columns' names (`column_<i>` without a header). */
  columns: string[];
  /** For a label column of names: the class names, sorted; label k means classes[k]. */
  classes: string[] | undefined;
}

/** Splits one line into fields, honouring double quotes ("a,b" and "" escapes). */
function fields(line: string, delimiter: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (line.startsWith(delimiter, i)) {
      out.push(cur);
      cur = "";
      i += delimiter.length - 1;
    } else cur += ch;
  }
  out.push(cur);
  return out.map((f) => f.trim());
}

function labelIndex(name: string, label: string | number, columns: string[], header: boolean): number {
  if (typeof label === "number") {
    if (!Number.isInteger(label) || label < 0 || label >= columns.length) {
      throw new NotFoundError(`loadCsv: ${name} has no column ${label}; it has ${columns.length} columns (0 to ${columns.length - 1})`);
    }
    return label;
  }
  const i = columns.indexOf(label);
  if (i < 0) {
    const how = header ? `its columns are ${columns.map((c) => `"${c}"`).join(", ")}` : "it has no header row; give the column's index";
    throw new NotFoundError(`loadCsv: ${name} has no label column "${label}"${header ? didYouMean(label, columns) : ""}; ${how}`);
  }
  return i;
}

/**
 * Parses CSV text (`name` is used in messages, usually the file's path).
 *
 * @example
 * const { x, y, classes } = bp.data.parseCsv("a,b,label\n1,2,cat\n3,4,dog\n", "pets.csv", { label: "label" });
 * x;   // => [[1, 2], [3, 4]]
 * y;   // => [0, 1]
 * classes;   // => ["cat", "dog"]
 */
export function parseCsv(text: string, name: string, options: CsvOptions = {}): CsvDataset {
  const delimiter = options.delimiter ?? ",";
  if (delimiter.length === 0) throw new ValueError("loadCsv: delimiter must not be empty");
  const header = options.header ?? true;
  const lines = text.split("\n").map((l, i) => ({ no: i + 1, text: l.endsWith("\r") ? l.slice(0, -1) : l })).filter((l) => l.text.trim() !== "");
  if (lines.length === 0) throw new FormatError(`loadCsv: ${name} is empty; expected ${header ? "a header row and " : ""}rows of numbers`);
  const first = fields((lines[0] as { text: string }).text, delimiter);
  const names = header ? first : first.map((_, i) => `column_${i}`);
  const rows = header ? lines.slice(1) : lines;
  const li = options.label === undefined ? -1 : labelIndex(name, options.label, names, header);
  const nf = names.length - (li >= 0 ? 1 : 0);
  const x = new Float32Array(rows.length * nf);
  const rawLabels: string[] = [];
  rows.forEach((row, r) => {
    const cells = fields(row.text, delimiter);
    if (cells.length !== names.length) {
      throw new FormatError(`loadCsv: ${name} line ${row.no} has ${cells.length} fields; expected ${names.length} like ${header ? "the header" : "line 1"}`);
    }
    let f = 0;
    cells.forEach((cell, c) => {
      if (c === li) {
        rawLabels.push(cell);
        return;
      }
      const v = cell === "" ? NaN : Number(cell);
      if (!Number.isFinite(v)) {
        throw new FormatError(`loadCsv: ${name} line ${row.no}, column "${names[c]}" (${c + 1}): ${cell === "" ? "empty cell" : `"${cell}" is not a number`}`);
      }
      x[r * nf + f++] = v;
    });
  });
  const { y, classes } = li >= 0 ? labelsOf(rawLabels) : { y: undefined, classes: undefined };
  return { x: makeTensor([rows.length, nf], "float32", x), y, columns: names.filter((_, c) => c !== li), classes };
}

function labelsOf(raw: string[]): { y: Tensor; classes: string[] | undefined } {
  const nums = raw.map((s) => (s === "" ? NaN : Number(s)));
  if (nums.every((v) => Number.isFinite(v))) {
    const ints = nums.every((v) => Number.isInteger(v) && Math.abs(v) < 2 ** 31);
    return { y: makeTensor([raw.length], ints ? "int32" : "float32", nums), classes: undefined };
  }
  const classes = [...new Set(raw)].sort();
  const index = new Map(classes.map((c, i) => [c, i]));
  return { y: makeTensor([raw.length], "int32", raw.map((s) => index.get(s) as number)), classes };
}
