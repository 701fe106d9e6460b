/**
 * Element types. float64 exists on the js backend, for gradient checks.
 *
 * @example
 * const dtype: bp.DType = "int32";
 * bp.zeros([2], dtype).dtype;   // => "int32"
 */
export type DType = "float32" | "int32" | "float64";
/**
 * The typed arrays tensors read into and are made from (one per dtype).
 *
 * @example
 * const data: bp.TypedArray = bp.tensor([1, 2, 3]).dataSync();
 * data instanceof Float32Array;   // => true
 */
export type TypedArray = Float32Array | Int32Array | Float64Array;

export const DTYPES: readonly DType[] = ["float32", "int32", "float64"];

export function isFloat(dtype: DType): boolean {
  return dtype !== "int32";
}

export function bytesPerElement(dtype: DType): number {
  return dtype === "float64" ? 8 : 4;
}

export function makeTypedArray(dtype: DType, size: number): TypedArray {
  switch (dtype) {
    case "float32":
      return new Float32Array(size);
    case "int32":
      return new Int32Array(size);
    case "float64":
      return new Float64Array(size);
  }
}

/** The dtype that holds both: float64 > float32 > int32. */
export function promote(a: DType, b: DType): DType {
  if (a === "float64" || b === "float64") return "float64";
  if (a === "float32" || b === "float32") return "float32";
  return "int32";
}
