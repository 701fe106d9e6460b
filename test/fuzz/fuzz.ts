/**
 * Shared pieces of the file-format fuzz tests: a seeded generator, mutations of JSON trees and of
 * bytes, and a runner that checks every case either succeeds or throws a BackpropError, with a hang
 * guard per case, and reports the slowest case and the memory growth.
 */
import { expect } from "vitest";
import * as bp from "../../src/index.js";

/** mulberry32: a small seeded generator, so every run mutates the same way. */
export function rng(seed: number): { next(): number; int(n: number): number; pick<T>(xs: readonly T[]): T } {
  let s = seed >>> 0;
  const next = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return { next, int, pick: (xs) => xs[int(xs.length)]! };
}
export type Rng = ReturnType<typeof rng>;

/** Numbers that break size arithmetic: zero, negatives, fractions, powers of two at the edges, huge. */
export const EXTREME_NUMBERS = [
  0,
  -1,
  1,
  0.5,
  -0,
  3,
  255,
  256,
  65535,
  2 ** 24,
  2 ** 26,
  2 ** 31 - 1,
  2 ** 31,
  2 ** 32,
  1e9,
  2 ** 53,
  1e300,
  -1e300,
];
/** Values of every JSON type, to swap in for a field. */
export const SWAP_VALUES: unknown[] = [
  null,
  true,
  false,
  "",
  "x",
  "float32",
  "relu",
  42,
  -7,
  1e308,
  [],
  [null],
  [1, 2],
  {},
  { a: 1 },
  [[[]]],
  "9".repeat(400),
];

type Json = unknown;
type Slot = { parent: Record<string, Json> | Json[]; key: string | number };

/** Every (parent, key) slot of a JSON tree. */
function slots(tree: Json, out: Slot[] = []): Slot[] {
  if (Array.isArray(tree)) {
    tree.forEach((v, i) => {
      out.push({ parent: tree, key: i });
      slots(v, out);
    });
  } else if (tree !== null && typeof tree === "object") {
    for (const [k, v] of Object.entries(tree)) {
      out.push({ parent: tree as Record<string, Json>, key: k });
      slots(v, out);
    }
  }
  return out;
}

const get = (s: Slot): Json => (s.parent as Record<string | number, Json>)[s.key];
const set = (s: Slot, v: Json): void => void ((s.parent as Record<string | number, Json>)[s.key] = v);

/** One mutation of a JSON tree (in place): a deleted field, a swapped type, an extreme number. Returns a description. */
export function mutateJson(tree: Json, r: Rng): string {
  const all = slots(tree);
  const s = r.pick(all);
  const where = `${typeof s.key === "number" ? `[${s.key}]` : s.key}`;
  const kind = r.int(4);
  if (kind === 0) {
    if (Array.isArray(s.parent)) s.parent.splice(s.key as number, 1);
    else delete s.parent[s.key as string];
    return `delete ${where}`;
  }
  if (kind === 1) {
    const v = r.pick(SWAP_VALUES);
    set(s, v);
    return `${where} = ${JSON.stringify(v)?.slice(0, 20)}`;
  }
  const numbers = all.filter((x) => typeof get(x) === "number");
  const n = numbers.length > 0 ? r.pick(numbers) : s;
  const v = r.pick(EXTREME_NUMBERS);
  set(n, v);
  return `${String(n.key)} = ${v}`;
}

/** One mutation of bytes: a truncation, flipped bytes, an extension, or an overwritten run of 4 bytes. */
export function mutateBytes(bytes: Uint8Array, r: Rng, from = 0): { bytes: Uint8Array; what: string } {
  const kind = r.int(4);
  const at = from + r.int(Math.max(1, bytes.length - from));
  if (kind === 0) return { bytes: bytes.slice(0, at), what: `truncated at ${at}` };
  if (kind === 1) {
    const out = bytes.slice();
    const k = 1 + r.int(4);
    for (let i = 0; i < k; i++) {
      const j = from + r.int(Math.max(1, out.length - from));
      out[j] = (out[j] ?? 0) ^ (1 << r.int(8));
    }
    return { bytes: out, what: `${k} bits flipped` };
  }
  if (kind === 2) {
    const out = new Uint8Array(bytes.length + 1 + r.int(64));
    out.set(bytes);
    return { bytes: out, what: `extended by ${out.length - bytes.length}` };
  }
  const out = bytes.slice();
  const v = r.pick([0, 0xffffffff, 0x7fffffff, 0x80000000, 1, 0x10000]);
  if (at + 4 <= out.length) new DataView(out.buffer).setUint32(at, v);
  return { bytes: out, what: `u32 ${v} at ${at}` };
}

export interface FuzzStats {
  cases: number;
  loaded: number;
  slowestMs: number;
  slowest: string;
  rssGrowthMb: number;
}

/**
 * Runs `cases` (description + action): each must resolve or reject with a BackpropError; a case
 * still running after `guardMs` fails the test (a hang guard, not a speed target).
 */
export async function runCases(
  cases: AsyncIterable<[string, () => Promise<unknown>]>,
  guardMs = 20_000,
): Promise<FuzzStats> {
  const rss0 = process.memoryUsage().rss;
  const peak0 = process.resourceUsage().maxRSS * 1024;
  let sampled = rss0;
  const stats: FuzzStats = { cases: 0, loaded: 0, slowestMs: 0, slowest: "", rssGrowthMb: 0 };
  for await (const [what, action] of cases) {
    const t = performance.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const guard = new Promise<never>(
      (_, reject) =>
        (timer = setTimeout(
          () => reject(new Error(`case "${what}" still running after ${guardMs} ms`)),
          guardMs,
        )),
    );
    let error: unknown;
    try {
      await Promise.race([action(), guard]);
      stats.loaded++;
    } catch (e) {
      error = e;
    } finally {
      clearTimeout(timer);
    }
    if (error !== undefined && !(error instanceof bp.BackpropError)) {
      expect.fail(
        `case "${what}" threw ${(error as Error)?.name}: ${(error as Error)?.message ?? String(error)}`,
      );
    }
    if (error instanceof bp.BackpropError) expect(error.message.length).toBeGreaterThan(0);
    const ms = performance.now() - t;
    if (ms > stats.slowestMs) [stats.slowestMs, stats.slowest] = [ms, what];
    stats.cases++;
    sampled = Math.max(sampled, process.memoryUsage().rss);
  }
  const peak1 = process.resourceUsage().maxRSS * 1024;
  // the process's peak, when this run raised it; otherwise the largest resident size seen between cases
  stats.rssGrowthMb = ((peak1 > peak0 ? peak1 : sampled) - rss0) / 2 ** 20;
  return stats;
}

/**
 * Runs the `total` cases of one fuzz test and checks the run as every fuzz test does: all ran, some
 * were accepted and some refused, and resident memory grew by less than 200 MB. Prints the figures.
 */
export async function checkFuzz(
  what: string,
  total: number,
  cases: AsyncIterable<[string, () => Promise<unknown>]>,
): Promise<void> {
  const stats = await runCases(cases);
  console.log(
    `${what} fuzz: ${stats.cases} cases, ${stats.loaded} accepted, slowest ${stats.slowestMs.toFixed(0)} ms (${stats.slowest}), resident memory grew ${stats.rssGrowthMb.toFixed(0)} MB`,
  );
  expect(stats.cases).toBe(total);
  expect(stats.loaded).toBeGreaterThan(0);
  expect(stats.loaded).toBeLessThan(total);
  expect(stats.rssGrowthMb).toBeLessThan(200);
}
