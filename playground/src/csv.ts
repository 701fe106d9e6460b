/** CSV upload: rows of x1, x2, label (a header row is allowed), scaled into the playground's square. */
import type { Points } from "./data.js";

export interface Parsed {
  points: Points;
  classes: number;
}

/** Parses the text; throws an Error naming the line of the first bad row. Labels must be integers 0..4 (or any 2–5 distinct values, mapped in sorted order). */
export function parseCsv(text: string, name = "the file"): Parsed {
  const lines = text.split(/\r?\n/);
  const rows: [number, number, string][] = [];
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    const cells = line.split(/[,;\t]/).map((c) => c.trim());
    // a header: the first line, where x1 or x2 is not a number (labels may be words on any line)
    if (
      rows.length === 0 &&
      i === 0 &&
      cells.slice(0, 2).some((c) => c === "" || !Number.isFinite(Number(c)))
    )
      return;
    if (cells.length < 3)
      throw new Error(
        `${name}, line ${i + 1}: expected 3 columns (x1, x2, label), got ${cells.length}: "${line.slice(0, 60)}"`,
      );
    const [a, b, l] = cells as [string, string, string];
    const x = Number(a);
    const y = Number(b);
    if (a === "" || b === "" || !Number.isFinite(x) || !Number.isFinite(y))
      throw new Error(`${name}, line ${i + 1}: x1 and x2 must be numbers, got "${a}", "${b}"`);
    if (l === "") throw new Error(`${name}, line ${i + 1}: the label is empty`);
    rows.push([x, y, l]);
  });
  if (rows.length < 4) throw new Error(`${name}: needs at least 4 data rows, got ${rows.length}`);
  const labels = [...new Set(rows.map((r) => r[2]))].sort(
    (p, q) => Number(p) - Number(q) || p.localeCompare(q),
  );
  if (labels.length < 2 || labels.length > 5)
    throw new Error(
      `${name}: needs 2 to 5 distinct labels, got ${labels.length} (${labels.slice(0, 8).join(", ")})`,
    );
  const span = (k: 0 | 1): [number, number] => [
    Math.min(...rows.map((r) => r[k])),
    Math.max(...rows.map((r) => r[k])),
  ];
  const scale = (v: number, [lo, hi]: [number, number]): number =>
    hi === lo ? 0 : -5 + (10 * (v - lo)) / (hi - lo);
  const sx = span(0);
  const sy = span(1);
  const xy = new Float32Array(rows.length * 2);
  const label = new Float32Array(rows.length);
  rows.forEach((r, i) => {
    xy[2 * i] = scale(r[0], sx);
    xy[2 * i + 1] = scale(r[1], sy);
    label[i] = labels.indexOf(r[2]);
  });
  return { points: { xy, label }, classes: labels.length };
}
