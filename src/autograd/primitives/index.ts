/**
 * The primitive set: every public op is composed from these. The kernel-backed primitives are listed
 * by registry.generated.ts, which `npm run build:wasm` writes from the files in this folder.
 */
export * from "./registry.generated.js";
export { reshape } from "./reshape.js";
