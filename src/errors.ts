/**
 * Every error backprop throws on bad input is a BackpropError; its message names the op, the
 * offending values and what was expected, e.g. `matmul: inner dimensions differ: [2,3] x [4,5]`.
 */
export class BackpropError extends Error {
  override name = "BackpropError";
}

/** Shapes that do not fit together: ranks, sizes, broadcasting, axes. */
export class ShapeError extends BackpropError {
  override name = "ShapeError";
}

/** A tensor of the wrong dtype, or a dtype the backend cannot hold. */
export class DTypeError extends BackpropError {
  override name = "DTypeError";
}

/** A value out of range: a non-finite attribute, a negative size, a bad option. */
export class ValueError extends BackpropError {
  override name = "ValueError";
}

/** An unknown name: activation, loss, optimizer, backend, layer class. */
export class NotFoundError extends BackpropError {
  override name = "NotFoundError";
}

/** A file or serialized model that cannot be read: bad magic number, truncation, newer format. */
export class FormatError extends BackpropError {
  override name = "FormatError";
}

/** A tensor used after it was disposed, or memory that could not be allocated. */
export class MemoryError extends BackpropError {
  override name = "MemoryError";
}

/** Formats a shape the way error messages print it: `[2,3]`. */
export function fmtShape(shape: readonly number[]): string {
  return `[${shape.join(",")}]`;
}
