/**
 * Every error backprop throws on bad input is a BackpropError; its message names the op, the
 * offending values and what was expected, e.g. `matmul: inner dimensions differ: [2,3] x [4,5]`.
 *
 * @example
 * let error: unknown;
 * try {
 *   bp.tensor([1, 2]).reshape([3]);
 * } catch (e) {
 *   error = e;
 * }
 * error instanceof bp.BackpropError;   // => true
 */
export class BackpropError extends Error {
  override name = "BackpropError";
}

/**
 * Shapes that do not fit together: ranks, sizes, broadcasting, axes.
 *
 * @example
 * let error: unknown;
 * try {
 *   bp.matmul(bp.ones([2, 3]), bp.ones([4, 5]));
 * } catch (e) {
 *   error = e;
 * }
 * error instanceof bp.ShapeError;   // => true
 * (error as Error).message;   // => "matmul: inner dimensions differ: [2,3] x [4,5]"
 */
export class ShapeError extends BackpropError {
  override name = "ShapeError";
}

/**
 * A tensor of the wrong dtype, or a dtype the backend cannot hold.
 *
 * @example
 * let error: unknown;
 * try {
 *   bp.tensor([1, 4], undefined, "int32").sqrt();
 * } catch (e) {
 *   error = e;
 * }
 * error instanceof bp.DTypeError;   // => true
 * (error as Error).message;   // => 'sqrt: input must be a float tensor, got int32 with shape [2]; cast it with x.cast("float32")'
 */
export class DTypeError extends BackpropError {
  override name = "DTypeError";
}

/**
 * A value out of range: a non-finite attribute, a negative size, a bad option.
 *
 * @example
 * let error: unknown;
 * try {
 *   bp.setSeed(1.5);
 * } catch (e) {
 *   error = e;
 * }
 * error instanceof bp.ValueError;   // => true
 */
export class ValueError extends BackpropError {
  override name = "ValueError";
}

/**
 * An unknown name: activation, loss, optimizer, backend, layer class.
 *
 * @example
 * let error: unknown;
 * try {
 *   bp.activations.getActivation("rellu");
 * } catch (e) {
 *   error = e;
 * }
 * error instanceof bp.NotFoundError;   // => true
 */
export class NotFoundError extends BackpropError {
  override name = "NotFoundError";
}

/**
 * A file or serialized model that cannot be read: bad magic number, truncation, newer format.
 *
 * @example
 * let error: unknown;
 * try {
 *   bp.data.decodePng(new Uint8Array([1, 2, 3]));
 * } catch (e) {
 *   error = e;
 * }
 * error instanceof bp.FormatError;   // => true
 */
export class FormatError extends BackpropError {
  override name = "FormatError";
}

/**
 * A tensor used after it was disposed, or memory that could not be allocated.
 *
 * @example
 * // thrown when the backend cannot allocate a tensor, naming what was asked and how much
 * const error = new bp.MemoryError("zeros of shape [1073741824,1024]: 4 TiB is more than the backend can hold");
 * error instanceof bp.BackpropError;   // => true
 * error.name;   // => "MemoryError"
 */
export class MemoryError extends BackpropError {
  override name = "MemoryError";
}

/**
 * Formats a shape the way error messages print it: `[2,3]`.
 *
 * @example
 * bp.fmtShape([2, 3]);   // => "[2,3]"
 */
export function fmtShape(shape: readonly number[]): string {
  return `[${shape.join(",")}]`;
}
