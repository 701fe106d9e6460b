/**
 * Real .keras files written by Keras 3 (listed with their sources in test/fixtures/keras/real-files.json):
 * each loads in backprop, predicts what an independent numpy forward pass over its config and weights
 * computes (keras-forward.py), and saved back by backprop has the real file's layout (keras-layout.py).
 * The files are not part of the repository; the test reads them from BACKPROP_KERAS_FILES or from
 * shared/keras-files beside the checkout, checks each one's sha256, and skips with the reason otherwise.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { unzipSync } from "fflate";
import { afterAll, describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { pythonMissing, runPython } from "./python.js";

interface RealFile {
  file: string;
  repo: string;
  commit: string;
  path: string;
  sha256: string;
  keras_version: string;
  license: string;
  model: "Sequential" | "Functional";
  layers: string[];
  /** Set where backprop must refuse the file: what the FormatError says. */
  refused?: string;
}

const here = dirname(fileURLToPath(import.meta.url));
const manifest = JSON.parse(
  readFileSync(join(here, "../fixtures/keras/real-files.json"), "utf8"),
) as RealFile[];
const filesDir = process.env.BACKPROP_KERAS_FILES ?? join(here, "../../../shared/keras-files");
const present = manifest.filter((m) => existsSync(join(filesDir, m.file)));
const out = mkdtempSync(join(tmpdir(), "bp-keras-real-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Differences that are backprop's on purpose: options its recurrent layers do not have and that do not change predictions. */
const ALLOWED: [RegExp, string][] = [
  [
    /: (recurrent_)?dropout \S+ vs 0$/,
    "backprop's recurrent layers have no dropout; predictions are the same",
  ],
  [/: unroll true vs false$/, "unrolling changes how Keras runs the loop, not its result"],
];
/** A single-chain Functional model is written back as the Sequential model it is, without the input layer's (empty) vars. */
const FUNCTIONAL: RegExp[] = [
  /^config\.json: class_name 'Functional' vs 'Sequential'$/,
  /^config\.json: module 'keras\.src\.models\.functional' vs 'keras'$/,
  /^config\.json: registered_name 'Functional' vs None$/,
  /^model\.weights\.h5: no layers\/input_layer(\/vars)?$/,
];

if (present.length === 0)
  console.warn(
    `skipped: none of the ${manifest.length} real Keras files is in ${filesDir} (set BACKPROP_KERAS_FILES; sources in test/fixtures/keras/README.md)`,
  );

describe.skipIf(present.length === 0)("real Keras 3 files", () => {
  test.each(present.map((m) => [`${m.repo}/${m.path} (Keras ${m.keras_version})`, m] as const))(
    "%s",
    async (_, m) => {
      const file = join(filesDir, m.file);
      expect(createHash("sha256").update(readFileSync(file)).digest("hex"), "sha256 of the listed file").toBe(
        m.sha256,
      );
      if (m.refused) {
        const outcome = await bp.loadModel(file).then(
          () => "loaded",
          (e: Error) => `${e.name}: ${e.message}`,
        );
        expect(outcome).toMatch(/^FormatError: /);
        expect(outcome).toContain(m.refused);
        return;
      }
      const model = await bp.loadModel(file);
      expect(model.layers.map((l) => (l.constructor as unknown as { className: string }).className)).toEqual(
        m.layers,
      );
      if (pythonMissing(["h5py", "numpy"])) return;
      const refFile = join(out, `${m.file}.json`);
      runPython(readFileSync(join(here, "keras-forward.py"), "utf8"), [file, refFile]);
      const ref = JSON.parse(readFileSync(refFile, "utf8")) as {
        input: number[];
        shape: number[];
        output: number[];
      };
      const y = model.predict(bp.tensor(Float32Array.from(ref.input), ref.shape)).dataSync();
      const scale = Math.max(1, ...ref.output.map(Math.abs));
      const worst = ref.output.reduce((w, v, i) => Math.max(w, Math.abs(v - y[i]!)), 0);
      expect(y.length).toBe(ref.output.length);
      expect(worst / scale, "max |backprop - numpy| / max(1, |y|)").toBeLessThanOrEqual(1e-5);
      // the real model.weights.h5 alone, as a Keras .weights.h5, into the model with its weights zeroed
      const h5 = join(out, `${m.file}.weights.h5`);
      writeFileSync(h5, unzipSync(readFileSync(file))["model.weights.h5"]!);
      const before = Array.from(y);
      model.setWeights(model.weights.map((w) => bp.zerosLike(w)));
      await bp.loadWeights(model, h5);
      expect(
        Array.from(model.predict(bp.tensor(Float32Array.from(ref.input), ref.shape)).dataSync()),
      ).toEqual(before);
      const ours = join(out, m.file);
      await model.save(ours, { format: "keras" });
      const diffs = JSON.parse(
        runPython(readFileSync(join(here, "keras-layout.py"), "utf8"), [file, ours]),
      ) as string[];
      const allowed = [...ALLOWED.map(([re]) => re), ...(m.model === "Functional" ? FUNCTIONAL : [])];
      expect(diffs.filter((d) => !allowed.some((re) => re.test(d)))).toEqual([]);
    },
    120_000,
  );
});
