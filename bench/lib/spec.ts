/**
 * The workloads of the speed comparison (issue 6), shared by every library's runner. All float32 on
 * the 10,000 embedded MNIST digits (8,000 train / 2,000 test, the library's fixed stratified split):
 * one warm-up epoch, then the median of three timed epochs.
 */
import { execFileSync } from "node:child_process";
import { loadavg } from "node:os";

export type WorkloadId = "W1" | "W2" | "W3" | "W4" | "W5" | "MEM";

export interface Result {
  lib: string;
  workload: WorkloadId;
  /** Row key within a workload (W4: the GEMM size; MEM: the epoch). */
  row: string;
  value?: number;
  unit: string;
  error?: string;
  note?: string;
}

export const TRAIN = {
  W1: { hidden: [128], batch: 64 },
  W2: { hidden: [512, 512], batch: 128 },
  W3: { batch: 64 },
} as const;

export const GEMM_SIZES: [number, number, number][] = [
  [64, 784, 128],
  [256, 256, 256],
  [1024, 1024, 1024],
];
export const TIMED_EPOCHS = 3;
export const MEMORY_EPOCHS = 20;
export const LEARNING_RATE = 1e-3;

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0
    ? NaN
    : n % 2
      ? (s[(n - 1) / 2] as number)
      : ((s[n / 2 - 1] as number) + (s[n / 2] as number)) / 2;
}

/** The machine's load averages over 1, 5 and 15 minutes, for a bench's report ("1.2 0.8 0.5"). */
export function loadAverage(): string {
  return loadavg()
    .map((v) => v.toFixed(1))
    .join(" ");
}

/** Median seconds of `fn` over `calls` calls after `warm` untimed ones (the runners' W4 and W5 timing). */
export function medianSeconds(warm: number, calls: number, fn: () => void): number {
  const times: number[] = [];
  for (let r = 0; r < warm + calls; r++) {
    const t0 = performance.now();
    fn();
    if (r >= warm) times.push((performance.now() - t0) / 1000);
  }
  return median(times);
}

/** Parses `--key value` pairs of a runner's command line. */
export function args(argv: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i] as string;
    if (k.startsWith("--")) out[k.slice(2)] = argv[i + 1] ?? "";
  }
  return out;
}

/** Prints one result as a JSON line (the runner collects them). */
export function emit(r: Result): void {
  console.log(`@@result ${JSON.stringify(r)}`);
}

/**
 * Runs `script` (a bench's own file) in a fresh Node process under tsx with `argv`, and returns the
 * JSON its child mode printed on the line that starts with `@@<tag> ` (the benches that time what a
 * cold process does: one fit per process). `nodeFlags` go to Node before the script (V8 flags such as
 * `--max-semi-space-size=1`, to test what the warm-up depends on).
 */
export function freshChild<T>(
  script: string,
  argv: readonly string[],
  tag: string,
  nodeFlags: readonly string[] = [],
): T {
  const out = execFileSync(process.execPath, [...nodeFlags, "--import", "tsx", script, ...argv], {
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });
  const line = out.split("\n").find((l) => l.startsWith(`@@${tag} `));
  if (!line) throw new Error(`${script}: the child printed no ${tag}:\n${out}`);
  return JSON.parse(line.slice(tag.length + 3)) as T;
}
