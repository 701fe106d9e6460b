/**
 * Writes the digits `npm start` trains, validates and tests on (embedded MNIST, the CLI's stratified
 * 10 % validation split with its seed) as raw float32 files for bench/workloads/main_job_torch.py.
 * Run by bench/main-job.ts --torch in a child process, so the bench's own process starts no backend:
 *
 *   npx tsx bench/lib/main-job-digits.ts DIR [SEED]
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import * as bp from "../../src/index.js";

/** The CLI's default --validation-split (src/cli/main.ts). */
const VALIDATION = 0.1;

const [dir, seedArg] = process.argv.slice(2);
if (!dir) throw new Error("usage: main-job-digits.ts DIR [SEED]");
const seed = Number(seedArg ?? 1);
bp.setBackend("js"); // gathering digits is exact on either backend; js starts no worker threads
const d = await bp.data.mnist();
// as src/cli/train.ts splits the training digits for a classification data set
const s = bp.data.split(d.xTrain, d.yTrain, { validation: VALIDATION, seed, stratify: true });
const raw = (t: bp.Tensor): Buffer => Buffer.from((t.dataSync() as Float32Array).buffer);
const files: [string, bp.Tensor][] = [
  ["x_train.f32", s.train.x],
  ["y_train.f32", s.train.y!],
  ["x_val.f32", s.validation.x],
  ["y_val.f32", s.validation.y!],
  ["x_test.f32", d.xTest],
  ["y_test.f32", d.yTest],
];
for (const [name, t] of files) writeFileSync(join(dir, name), raw(t));
console.log(
  `wrote ${s.train.x.shape[0]} training, ${s.validation.x.shape[0]} validation and ${d.xTest.shape[0]} test digits to ${dir}`,
);
