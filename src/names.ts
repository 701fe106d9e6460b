/**
 * Types for components named by strings (activations, initializers, losses, optimizers): a misspelt
 * literal such as "categoricalCrossentropi" is a type error, every spelling the run time accepts
 * type-checks, and names registered at run time are added by declaration merging, e.g.
 *
 *   bp.activations.registerActivation("cube", (x) => x.pow(3));
 *   declare module "backprop" { interface CustomActivations { cube: true } }
 */

/** "leakyRelu" → "leaky_relu" (Keras's spelling). */
export type SnakeCase<S extends string> = S extends `${infer H}${infer T}`
  ? `${H extends Lowercase<H> ? H : `_${Lowercase<H>}`}${SnakeCase<T>}`
  : S;

/** The spellings of a built-in name that resolve to it: camelCase, PascalCase and snake_case. */
export type Spellings<N extends string> = N | Capitalize<N> | SnakeCase<N>;

/**
 * A name as written: a literal must be one of `Known`; a value typed as plain `string` (read from a
 * flag or a file) passes and is checked when it is resolved.
 */
export type CheckedName<S extends string, Known extends string> = string extends S ? S : S extends Known ? S : Known;
