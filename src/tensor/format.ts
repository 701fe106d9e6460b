/** NumPy-like printing of tensor contents, eliding the middle of long axes. */
import type { DType, TypedArray } from "../backend/dtype.js";

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
  if (shape.length === 0) return data.length > 0 ? formatNumber(data[0] as number, dtype, fixed) : "";

  const strides: number[] = new Array<number>(shape.length).fill(1);
  for (let i = shape.length - 2; i >= 0; i--) strides[i] = (strides[i + 1] ?? 1) * (shape[i + 1] ?? 1);
  // only the cells that are shown get formatted: a large tensor prints its corners in constant time
  const cells = new Map<number, string>();
  const shown = (axis: number, offset: number): void => {
    const n = shape[axis] ?? 0;
    for (let i = 0; i < n; i++) {
      if (elide && n > 2 * EDGE && i === EDGE) i = n - EDGE;
      const at = offset + i * (strides[axis] ?? 1);
      if (axis === shape.length - 1) cells.set(at, formatNumber(data[at] as number, dtype, fixed));
      else shown(axis + 1, at);
    }
  };
  shown(0, 0);
  let width = 0;
  for (const c of cells.values()) width = Math.max(width, c.length);
  const pad = (c: string): string => c.padStart(width);

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
      return `[${indices.map((i) => (i === null ? "..." : pad(cells.get(offset + i) ?? ""))).join(", ")}]`;
    }
    const sep = `,${"\n".repeat(shape.length - 1 - axis)}${indent} `;
    const parts = indices.map((i) => (i === null ? "..." : render(axis + 1, offset + i * stride, `${indent} `)));
    return `[${parts.join(sep)}]`;
  };
  return render(0, 0, "");
}
