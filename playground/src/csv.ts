/**
 * CSV upload: rows of x1, x2, label (a header row is allowed), scaled into the playground's square.
 * Labels that are words or a few integers are classes; numbers with fractions (or more than five
 * distinct numbers) are a regression target, scaled into [−1, 1] like the built-in regression sets.
 */
import type { Points } from "./data.js";

export interface Parsed {
  points: Points;
  /** 2–5 classes, or 1 for a regression target. */
  classes: number;
  /** Regression only: the target's range in the file, which [−1, 1] stands for. */
  targetRange?: [number, number];
}

/** Rows a file may hold: every epoch trains on all of them and the page draws every point. */
export const MAX_ROWS = 10_000;
const MIN_ROWS = 4;

interface Row {
  x: number;
  y: number;
  label: string;
  line: number;
}

/** The data rows, with the first bad one named by its line. */
function rows(text: string, name: string): Row[] {
  const out: Row[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === "") continue;
    const cells = line.split(/[,;\t]/).map((c) => c.trim());
    // a header: the first line, where x1 or x2 is not a number (labels may be words on any line)
    if (out.length === 0 && i === 0 && cells.slice(0, 2).some((c) => c === "" || !Number.isFinite(Number(c))))
      continue;
    if (cells.length !== 3)
      throw new Error(
        `${name}, line ${i + 1}: expected 3 columns (x1, x2, label), got ${cells.length}: "${line.slice(0, 60)}"`,
      );
    const [a, b, label] = cells as [string, string, string];
    const x = Number(a);
    const y = Number(b);
    if (a === "" || b === "" || !Number.isFinite(x) || !Number.isFinite(y))
      throw new Error(`${name}, line ${i + 1}: x1 and x2 must be finite numbers, got "${a}", "${b}"`);
    if (label === "") throw new Error(`${name}, line ${i + 1}: the label is empty`);
    if (out.length === MAX_ROWS)
      throw new Error(
        `${name}: more than ${MAX_ROWS.toLocaleString("en-US")} data rows; keep a sample of them`,
      );
    out.push({ x, y, label, line: i + 1 });
  }
  if (out.length < MIN_ROWS)
    throw new Error(`${name}: needs at least ${MIN_ROWS} data rows, got ${out.length}`);
  return out;
}

/** The smallest and largest of `f` over the rows (a loop: a spread of 10,000 arguments overflows the stack). */
function span(rs: Row[], f: (r: Row) => number): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of rs) {
    const v = f(r);
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/** [lo, hi] → [a, b] linearly (a constant column maps to the middle). */
const scale = (v: number, [lo, hi]: [number, number], a: number, b: number): number =>
  hi === lo ? (a + b) / 2 : a + ((b - a) * (v - lo)) / (hi - lo);

/** Whether the label column is a regression target; throws if it mixes numbers with fractions and words. */
function isTarget(rs: Row[], name: string): boolean {
  const numeric = rs.map((r) => Number.isFinite(Number(r.label)));
  const fraction = rs.findIndex((r, i) => numeric[i] && !Number.isInteger(Number(r.label)));
  const word = numeric.indexOf(false);
  if (fraction >= 0 && word >= 0) {
    const w = rs[word] as Row;
    throw new Error(
      `${name}, line ${w.line}: the label column holds numbers (line ${(rs[fraction] as Row).line}: ${(rs[fraction] as Row).label}), so it is a regression target, but this label is "${w.label.slice(0, 30)}"`,
    );
  }
  if (word >= 0) return false;
  return fraction >= 0 || new Set(rs.map((r) => Number(r.label))).size > 5;
}

/** Parses the text; throws an Error naming the line of the first bad row. */
export function parseCsv(text: string, name = "the file"): Parsed {
  const rs = rows(text, name);
  const sx = span(rs, (r) => r.x);
  const sy = span(rs, (r) => r.y);
  const xy = new Float32Array(rs.length * 2);
  const label = new Float32Array(rs.length);
  rs.forEach((r, i) => {
    xy[2 * i] = scale(r.x, sx, -5, 5);
    xy[2 * i + 1] = scale(r.y, sy, -5, 5);
  });
  if (isTarget(rs, name)) {
    const range = span(rs, (r) => Number(r.label));
    rs.forEach((r, i) => (label[i] = scale(Number(r.label), range, -1, 1)));
    return { points: { xy, label }, classes: 1, targetRange: range };
  }
  const labels = [...new Set(rs.map((r) => r.label))].sort(
    (p, q) => Number(p) - Number(q) || p.localeCompare(q),
  );
  if (labels.length < 2 || labels.length > 5)
    throw new Error(
      `${name}: needs 2 to 5 distinct labels (classes) or numbers (a regression target), got ${labels.length} (${labels.slice(0, 8).join(", ")})`,
    );
  const index = new Map(labels.map((l, i) => [l, i]));
  rs.forEach((r, i) => (label[i] = index.get(r.label) ?? 0));
  return { points: { xy, label }, classes: labels.length };
}
