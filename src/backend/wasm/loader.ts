/**
 * Loads the kernel module shipped in module.generated.ts. Two builds are shipped — relaxed SIMD
 * (fused multiply-add) and plain SIMD128 — and the first one this runtime validates is used, after
 * switching relaxed SIMD on where it hides behind a flag (Node 20). Both are compiled to import a
 * shared memory; for hosts without shared memory the memory import is patched to unshared (one flag
 * byte: no instruction in the module needs shared memory).
 */
import { enableRelaxedSimd } from "./platform.js";
import { PLAIN_WASM, RELAXED_BYTES, RELAXED_PATCH } from "./module.generated.js";
import { wasmApi } from "./wasm-api.js";

export type Build = "relaxed" | "plain";

function decodeBase64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * The bytes `patch` makes from `base` (scripts/wasm-patch.mjs): each pair of numbers copies
 * base[start, start + length), each string inserts its base64 bytes. The relaxed build ships so.
 */
export function applyPatch(base: Uint8Array, patch: readonly (number | string)[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (let i = 0; i < patch.length; i++) {
    const item = patch[i]!;
    const bytes =
      typeof item === "string" ? decodeBase64(item) : base.subarray(item, item + (patch[++i] as number));
    out.set(bytes, at);
    at += bytes.length;
  }
  return out;
}

let relaxedFlagTried = false;

/** The bytes of a build, or undefined when this runtime cannot run it. */
export function buildBytes(build: Build): Uint8Array | undefined {
  const WA = wasmApi();
  if (!WA) return undefined;
  if (build === "relaxed" && !relaxedFlagTried) {
    relaxedFlagTried = true;
    enableRelaxedSimd();
  }
  const plain = decodeBase64(PLAIN_WASM);
  const bytes = build === "relaxed" ? applyPatch(plain, RELAXED_PATCH, RELAXED_BYTES) : plain;
  return WA.validate(bytes) ? bytes : undefined;
}

/** The fastest build this runtime accepts (undefined: no WebAssembly SIMD here). */
export function bestBuild(prefer?: Build): { build: Build; bytes: Uint8Array } | undefined {
  const order: Build[] = prefer ? [prefer] : ["relaxed", "plain"];
  for (const build of order) {
    const bytes = buildBytes(build);
    if (bytes) return { build, bytes };
  }
  return undefined;
}

function readLeb(bytes: Uint8Array, pos: number): [number, number] {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[pos++] as number;
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if ((b & 0x80) === 0) return [value, pos];
  }
}

/** A copy of `bytes` whose imported memory is declared unshared. */
export function unshareMemoryImport(bytes: Uint8Array): Uint8Array {
  const out = bytes.slice();
  let pos = 8;
  while (pos < out.length) {
    const id = out[pos++] as number;
    const [size, start] = readLeb(out, pos);
    pos = start;
    if (id === 2) {
      const [count, first] = readLeb(out, pos);
      let p = first;
      for (let i = 0; i < count; i++) {
        for (let s = 0; s < 2; s++) {
          const [len, q] = readLeb(out, p);
          p = q + len; // module name, then field name
        }
        const kind = out[p++] as number;
        if (kind === 2) {
          if (((out[p] as number) & 2) !== 0) out[p] = (out[p] as number) & ~2;
          return out;
        }
        // skip the descriptor of other import kinds
        if (kind === 0) [, p] = readLeb(out, p);
        else if (kind === 1) {
          p++;
          const flags = out[p++] as number;
          [, p] = readLeb(out, p);
          if (flags & 1) [, p] = readLeb(out, p);
        } else if (kind === 3) p += 2;
      }
    }
    pos += size;
  }
  return out;
}
