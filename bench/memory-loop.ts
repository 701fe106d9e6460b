/**
 * Memory of a hand-written loop without `bp.tidy`: `y = x.mul(2).add(1)` on 1M floats, 3,000
 * iterations, each variant in its own process. Reports peak resident memory, peak WebAssembly
 * memory, peak bytes held in tensor storage and ms per iteration. Not a test; run on demand:
 *
 *   npm run bench:memory                          # every backend and loop, 3,000 iterations
 *   npm run bench:memory -- --iters 1500 --backends wasm --loops await
 *
 * Loops: "await" awaits a resolved promise each iteration (`await y.data()`), "await-task" awaits
 * a macrotask (`setImmediate`), "sync" never yields, "tidy" never yields and wraps each iteration
 * in `bp.tidy`. A variant stops early (and says so) once its storage passes --stop-gb (default 6),
 * so the machine is not driven into swap.
 */
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const LOOPS = ["await", "await-task", "sync", "tidy"] as const;
type Loop = (typeof LOOPS)[number];

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

interface Row {
  backend: string;
  loop: Loop;
  iterations: number;
  done: number;
  peakRss: number;
  peakWasm: number;
  peakStorage: number;
  msPerIter: number;
  error?: string;
}

/** One variant, run inside the child process. */
async function child(backend: string, loop: Loop, iters: number, stopBytes: number): Promise<Row> {
  const bp = await import("../src/index.js");
  const { backendByName } = await import("../src/tensor/engine.js");
  bp.setBackend(backend);
  const heap = (backendByName(backend) as { runtime?: { heap: { size: number } } }).runtime?.heap;
  const row: Row = {
    backend,
    loop,
    iterations: iters,
    done: 0,
    peakRss: 0,
    peakWasm: 0,
    peakStorage: 0,
    msPerIter: 0,
  };
  const sample = (): void => {
    row.peakRss = Math.max(row.peakRss, process.memoryUsage().rss);
    row.peakWasm = Math.max(row.peakWasm, heap?.size ?? 0);
    row.peakStorage = Math.max(row.peakStorage, bp.memory().numBytes);
  };
  const x = bp.randn([1_000_000], { seed: 1 });
  const t0 = performance.now();
  try {
    for (let i = 0; i < iters; i++) {
      if (loop === "tidy") bp.tidy(() => void x.mul(2).add(1));
      else {
        const y = x.mul(2).add(1);
        if (loop === "await") await y.data();
        else if (loop === "await-task") await new Promise((r) => setImmediate(r));
      }
      row.done = i + 1;
      if (i % 10 === 0) sample();
      if (row.peakStorage > stopBytes) break;
    }
  } catch (e) {
    row.error = (e as Error).message.slice(0, 160);
  }
  row.msPerIter = (performance.now() - t0) / Math.max(1, row.done);
  sample();
  return row;
}

const mb = (b: number): string => (b / 2 ** 20).toFixed(0);

function main(): void {
  const iters = Number(option("iters", "3000"));
  const stop = Number(option("stop-gb", "6")) * 2 ** 30;
  const backends = option("backends", "wasm,js").split(",");
  const loops = option("loops", LOOPS.join(",")).split(",") as Loop[];
  const self = fileURLToPath(import.meta.url);
  const root = join(dirname(self), "..");
  console.log(`y = x.mul(2).add(1) on 1M floats, ${iters} iterations, node ${process.version}`);
  console.log(
    "| backend | loop | iterations done | peak RSS MB | peak wasm memory MB | peak storage MB | ms / iter | note |",
  );
  console.log("|---|---|---|---|---|---|---|---|");
  for (const backend of backends) {
    for (const loop of loops) {
      const r = spawnSync(
        process.execPath,
        ["--import", "tsx", self, "--child", backend, loop, String(iters), String(stop)],
        {
          cwd: root,
          encoding: "utf8",
          maxBuffer: 1 << 20,
        },
      );
      const line = r.stdout.trim().split("\n").pop() ?? "";
      let row: Row;
      try {
        row = JSON.parse(line) as Row;
      } catch {
        console.log(
          `| ${backend} | ${loop} | – | – | – | – | – | crashed: exit ${r.status} ${r.signal ?? ""} ${r.stderr.slice(-200).replace(/\n/g, " ")} |`,
        );
        continue;
      }
      const note = row.error
        ? `MemoryError: ${row.error}`
        : row.done < iters
          ? `stopped: storage passed ${mb(stop)} MB`
          : "";
      console.log(
        `| ${backend} | ${loop} | ${row.done} | ${mb(row.peakRss)} | ${backend === "wasm" ? mb(row.peakWasm) : "–"} | ${mb(row.peakStorage)} | ${row.msPerIter.toFixed(2)} | ${note} |`,
      );
    }
  }
}

const c = process.argv.indexOf("--child");
if (c > 0) {
  const [backend, loop, iters, stop] = process.argv.slice(c + 1);
  console.log(JSON.stringify(await child(backend ?? "wasm", loop as Loop, Number(iters), Number(stop))));
} else main();
