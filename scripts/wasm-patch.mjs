/**
 * The relaxed-SIMD build differs from the plain one in a few hundred bytes (the fused multiply-adds
 * and what their sizes shift), so the generated module ships the plain build once and the relaxed
 * one as a patch against it: copies of runs of the plain bytes and the bytes that are new.
 * src/backend/wasm/loader.ts (applyPatch) rebuilds it.
 */
/* global Buffer */

/** Shortest run worth a copy: a copy costs two numbers in the generated file. */
const MIN_RUN = 16;

/**
 * `target` as a patch against `base`: an array whose numbers come in pairs (start, length: copy that
 * run of base) and whose strings are base64 bytes to insert. Greedy: at each position, the longest
 * run of base (at a place where its first MIN_RUN bytes match) that continues the target.
 */
export function makePatch(base, target) {
  const places = new Map();
  for (let i = 0; i + MIN_RUN <= base.length; i++) {
    const key = Buffer.from(base.subarray(i, i + MIN_RUN)).toString("latin1");
    const at = places.get(key);
    if (!at) places.set(key, [i]);
    else if (at.length < 32) at.push(i);
  }
  const patch = [];
  let literal = [];
  const flush = () => {
    if (literal.length > 0) patch.push(Buffer.from(literal).toString("base64"));
    literal = [];
  };
  for (let i = 0; i < target.length;) {
    const key = Buffer.from(target.subarray(i, i + MIN_RUN)).toString("latin1");
    let best = 0;
    let from = 0;
    for (const start of places.get(key) ?? []) {
      let n = 0;
      while (i + n < target.length && start + n < base.length && target[i + n] === base[start + n]) n++;
      if (n > best) [best, from] = [n, start];
    }
    if (best >= MIN_RUN) {
      flush();
      patch.push(from, best);
      i += best;
    } else literal.push(target[i++]);
  }
  flush();
  return patch;
}
