/** Weight layout conversions between backprop/Keras (HWIO kernels, [in, out] dense) and PyTorch/ONNX (OIHW, [out, in]). */

type Values = ArrayLike<number>;

/** The transpose of a row-major [rows, cols] matrix. */
export function transpose2d(data: Values, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = data[r * cols + c]!;
  return out;
}

/** A row-major 4-D array of `shape` with its axes reordered: axis k of the result is axis perm[k] of `data`. */
export function permute4(data: Values, shape: readonly number[], perm: readonly number[]): Float32Array {
  const inStrides = [shape[1]! * shape[2]! * shape[3]!, shape[2]! * shape[3]!, shape[3]!, 1];
  const [n0, n1, n2, n3] = perm.map((p) => shape[p]!) as [number, number, number, number];
  const [s0, s1, s2, s3] = perm.map((p) => inStrides[p]!) as [number, number, number, number];
  const out = new Float32Array(n0 * n1 * n2 * n3);
  let k = 0;
  for (let a = 0; a < n0; a++)
    for (let b = 0; b < n1; b++)
      for (let c = 0; c < n2; c++) for (let d = 0; d < n3; d++) out[k++] = data[a * s0 + b * s1 + c * s2 + d * s3]!;
  return out;
}

/** A [kh, kw, in, out] kernel as [out, in, kh, kw]. */
export function hwioToOihw(data: Values, hwio: readonly number[]): Float32Array {
  return permute4(data, hwio, [3, 2, 0, 1]);
}

/** A [out, in, kh, kw] kernel as [kh, kw, in, out]. */
export function oihwToHwio(data: Values, oihw: readonly number[]): Float32Array {
  return permute4(data, oihw, [2, 3, 1, 0]);
}

/** Reorders the `units`-wide column blocks of a [rows, g·units] matrix: block k of the result is block order[k]. */
export function reorderBlocks(data: Values, rows: number, units: number, order: readonly number[]): Float32Array {
  const g = order.length;
  const out = new Float32Array(rows * g * units);
  for (let r = 0; r < rows; r++)
    for (let k = 0; k < g; k++)
      for (let u = 0; u < units; u++) out[r * g * units + k * units + u] = data[r * g * units + order[k]! * units + u]!;
  return out;
}

/** The inverse of a block order. */
export function inverseOrder(order: readonly number[]): number[] {
  const inv = new Array<number>(order.length);
  order.forEach((o, k) => (inv[o] = k));
  return inv;
}

/** TensorFlow's "same" padding of one axis: [before, after]. */
export function samePads(size: number, k: number, s: number): [number, number] {
  const total = Math.max((Math.ceil(size / s) - 1) * s + k - size, 0);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}

/** A 2-D window's (convolution or pooling) size, strides and padding in pixels on each side. */
export interface Window2d {
  kh: number;
  kw: number;
  sh: number;
  sw: number;
  /** [top, bottom, left, right]: zeros for "valid", TensorFlow's split for "same". */
  pads: [number, number, number, number];
}

/**
 * The window of a Conv2D or pooling layer config (kernelSize or poolSize, strides, padding) over an
 * input of height h and width w, as the exporters and importers need it.
 */
export function window2d(c: Record<string, unknown>, h: number, w: number): Window2d {
  const [kh, kw] = (c.kernelSize ?? c.poolSize) as [number, number];
  const [sh, sw] = c.strides as [number, number];
  return { kh, kw, sh, sw, pads: samePadding(c.padding === "same", h, w, kh, kw, sh, sw) };
}

/** [top, bottom, left, right] of TensorFlow's "same" padding (when `same`; else zeros). */
export function samePadding(same: boolean, h: number, w: number, kh: number, kw: number, sh: number, sw: number): [number, number, number, number] {
  if (!same) return [0, 0, 0, 0];
  return [...samePads(h, kh, sh), ...samePads(w, kw, sw)];
}

/**
 * A BatchNormalization config's axis over an input of rank `rank`, when it is the channels of a
 * rank-2 or rank-4 input (the last axis): the one case ONNX and PyTorch express. Else undefined.
 */
export function channelsAxis(c: Record<string, unknown>, rank: number): number | undefined {
  const axis = (c.axis as number) < 0 ? (c.axis as number) + rank : (c.axis as number);
  return axis === rank - 1 && (rank === 2 || rank === 4) ? axis : undefined;
}
