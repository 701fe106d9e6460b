/** How layers are named: Keras's snake_case class names with a per-class counter, and shapes in messages. */

/**
 * Keras's to_snake_case: "Conv2D" → "conv2d", "BatchNormalization" → "batch_normalization", "SimpleRNN" → "simple_rnn".
 *
 * @example
 * bp.layers.snakeCase("BatchNormalization");   // => "batch_normalization"
 * bp.layers.snakeCase("SimpleRNN");   // => "simple_rnn"
 */
export function snakeCase(name: string): string {
  return name
    .replace(/\W+/g, "")
    .replace(/(.)([A-Z][a-z]+)/g, "$1_$2")
    .replace(/([a-z])([A-Z])/g, "$1_$2")
    .toLowerCase();
}

const nameCounters = new Map<string, number>();

/** The next default name for a class prefix: "dense_1", "dense_2", … */
export function uniqueName(prefix: string): string {
  const n = (nameCounters.get(prefix) ?? 0) + 1;
  nameCounters.set(prefix, n);
  return `${prefix}_${n}`;
}

/**
 * The className a class declares itself, else its JS name (for user classes that did not set one).
 *
 * @example
 * class Scale extends bp.layers.Layer {
 *   call(x: bp.Tensor): bp.Tensor {
 *     return x.mul(2);
 *   }
 * }
 * bp.layers.classNameOf(Scale);   // => "Scale"
 * bp.layers.classNameOf(bp.layers.Dense);   // => "Dense"
 */
export function classNameOf(ctor: { className: string; name: string }): string {
  return Object.prototype.hasOwnProperty.call(ctor, "className") ? ctor.className : ctor.name;
}

/** "[null,4]" for messages. */
export function fmtDims(shape: readonly (number | null)[]): string {
  return `[${shape.map((d) => (d === null ? "null" : String(d))).join(",")}]`;
}
