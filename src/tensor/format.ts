/** NumPy-like printing of tensor contents, eliding the middle of long axes. */
import type { DType, TypedArray } from "../backend/dtype.js";
import { maxOf } from "../extent.js";

const EDGE = 3;
const ELIDE_ABOVE = 1000;

function formatNumber(v: number, dtype: DType, fixed: boolean): string {
  if (dtype === "int32") return String(v);
  if (!Number.isFinite(v)) return Number.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
  if (Number.isInteger(v) && !fixed) return `${v}.`;
  return fixed ? v.toExponential(4) : String(Number(v.toPrecision(dtype === "float64" ? 8 : 5)));
}

/** Renders values with shape `shape` as nested brackets, aligned on a common width. */
export function formatValues(data: TypedArray, shape: readonly number[], dtype: DType): string {
  const elide = data.length > ELIDE_ABOVE;
  let maxAbs = 0;
  let minAbs = Infinity;
  for (const v of data) {
    const a = Math.abs(v);
    if (Number.isFinite(a)) {
      maxAbs = Math.max(maxAbs, a);
      if (a > 0) minAbs = Math.min(minAbs, a);
    }
  }
  const fixed = dtype !== "int32" && (maxAbs >= 1e6 || (minAbs < 1e-4 && maxAbs > 0));
  const cells = Array.from(data, (v) => formatNumber(v, dtype, fixed));
  const width = maxOf(cells.map((c) => c.length), 0);
  const pad = (c: string): string => c.padStart(width);
  if (shape.length === 0) return cells[0] ?? "";

  const strides: number[] = new Array<number>(shape.length).fill(1);
  for (let i = shape.length - 2; i >= 0; i--) strides[i] = (strides[i + 1] ?? 1) * (shape[i + 1] ?? 1);

  const render = (axis: number, offset: number, indent: string): string => {
    const n = shape[axis] ?? 0;
    const stride = strides[axis] ?? 1;
    const indices: (number | null)[] = [];
    if (elide && n > 2 * EDGE) {
      for (let i = 0; i < EDGE; i++) indices.push(i);
      indices.push(null);
      for (let i = n - EDGE; i < n; i++) indices.push(i);
    } else for (let i = 0; i < n; i++) indices.push(i);
    if (axis === shape.length - 1) {
      return `[${indices.map((i) => (i === null ? "..." : pad(cells[offset + i] ?? ""))).join(", ")}]`;
    }
    const sep = `,${"\n".repeat(shape.length - 1 - axis)}${indent} `;
    const parts = indices.map((i) => (i === null ? "..." : render(axis + 1, offset + i * stride, `${indent} `)));
    return `[${parts.join(sep)}]`;
  };
  return render(0, 0, "");
}
