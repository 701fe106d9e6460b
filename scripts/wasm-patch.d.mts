/** Types of wasm-patch.mjs (the build's patch of the relaxed build against the plain one). */
export function makePatch(base: Uint8Array, target: Uint8Array): (number | string)[];
