/**
 * `backprop train --config run.json`: replays a run exported by the playground (or written by hand
 * in the same shape) — the layers with their seeded initializers, the optimizer, the loss, the data,
 * epochs, batch size and seed — with `model.fit`, so the weights come out bit for bit as the page's.
 * When the file carries the weights it reached, the command says whether they match.
 */
import { readFile } from "node:fs/promises";
import { BackpropError } from "../errors.js";
import * as L from "../nn/layers/index.js";
import { optimizerFromConfig } from "../optim/optimizers.js";
import { Sequential } from "../model/index.js";
import { tensor } from "../tensor/creation.js";
import { InputError } from "./exit.js";
import { printJson, type CliIO } from "./io.js";

interface RunFile {
  model: { name?: string; layers: { className: string; config: Record<string, unknown> }[] };
  compile: { optimizer: { className: string; config: Record<string, unknown> }; loss: string };
  fit: { epochs: number; batchSize: number; seed: number; shuffle?: boolean };
  data: { inputs: number; outputs: number; xTrain: number[]; yTrain: number[] };
  weights?: { name: string; shape: number[]; values: number[] }[];
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const isNums = (v: unknown): v is number[] =>
  Array.isArray(v) && v.every((x) => typeof x === "number" && Number.isFinite(x));
const posInt = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0;

/** Checks the file's shape; names the first field that is missing or wrong. */
function parseRun(text: string, file: string): RunFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new InputError(`${file}: not JSON (${(e as Error).message})`);
  }
  const bad = (what: string): never => {
    throw new InputError(`${file}: ${what} (expected a run exported by the backprop playground)`);
  };
  if (!isObj(raw)) return bad("the file is not an object");
  const { model, compile, fit, data } = raw;
  if (!isObj(model) || !Array.isArray(model["layers"]) || model["layers"].length === 0)
    return bad('"model.layers" is missing or empty');
  if (!isObj(compile) || !isObj(compile["optimizer"]) || typeof compile["loss"] !== "string")
    return bad('"compile.optimizer" or "compile.loss" is missing');
  if (
    !isObj(fit) ||
    !posInt(fit["epochs"]) ||
    !posInt(fit["batchSize"]) ||
    fit["batchSize"] < 1 ||
    !posInt(fit["seed"])
  )
    return bad('"fit" needs integer epochs, batchSize ≥ 1 and seed');
  if (
    !isObj(data) ||
    !posInt(data["inputs"]) ||
    !posInt(data["outputs"]) ||
    !isNums(data["xTrain"]) ||
    !isNums(data["yTrain"])
  )
    return bad('"data" needs inputs, outputs and finite number arrays xTrain, yTrain');
  const n = data["xTrain"].length / (data["inputs"] || 1);
  if (!Number.isInteger(n) || n < 1 || data["yTrain"].length !== n * data["outputs"]) {
    return bad(
      `"data": xTrain has ${data["xTrain"].length} numbers for ${data["inputs"]} inputs and yTrain ${data["yTrain"].length} for ${data["outputs"]} outputs; they must describe the same samples`,
    );
  }
  return raw as unknown as RunFile;
}

/** Replays the run; prints the final loss and whether the weights equal the file's; saves the model to `out` if given. */
export async function trainConfig(
  o: { config: string; out?: string; json: boolean },
  io: CliIO,
): Promise<void> {
  let text: string;
  try {
    text = await readFile(o.config, "utf8");
  } catch (e) {
    throw new InputError(
      `--config ${o.config}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    );
  }
  const run = parseRun(text, o.config);
  let model: Sequential;
  try {
    const layers = run.model.layers.map((l) => L.layerFromConfig(l.className, { ...l.config }));
    model = new Sequential({ name: run.model.name ?? "playground", layers });
    model.compile({
      optimizer: optimizerFromConfig(run.compile.optimizer.className, run.compile.optimizer.config),
      loss: run.compile.loss,
    });
  } catch (e) {
    if (e instanceof BackpropError) throw new InputError(`${o.config}: ${e.message}`);
    throw e;
  }
  const { inputs, outputs, xTrain, yTrain } = run.data;
  const x = tensor(xTrain, [xTrain.length / inputs, inputs]);
  const y = tensor(yTrain, [yTrain.length / outputs, outputs]);
  const history = await model.fit(x, y, {
    epochs: run.fit.epochs,
    batchSize: run.fit.batchSize,
    seed: run.fit.seed,
    shuffle: run.fit.shuffle ?? true,
    verbose: 0,
  });
  const losses = history.history["loss"] ?? [];
  let mismatches: number | undefined;
  if (run.weights) {
    mismatches = 0;
    const ws = model.weights;
    if (ws.length !== run.weights.length) mismatches = Math.max(ws.length, run.weights.length);
    else
      ws.forEach((w, i) => {
        const want = run.weights?.[i]?.values ?? [];
        const got = w.dataSync();
        for (let j = 0; j < Math.max(got.length, want.length); j++)
          if (!Object.is(got[j], Math.fround(want[j] ?? NaN))) (mismatches as number)++;
      });
  }
  if (o.out) await model.save(o.out);
  const result = {
    epochs: run.fit.epochs,
    loss: losses[losses.length - 1] ?? null,
    weightsMatch: mismatches === undefined ? null : mismatches === 0,
    mismatches: mismatches ?? null,
    out: o.out ?? null,
  };
  if (o.json) printJson(io, result);
  else {
    io.out.write(
      `trained ${run.fit.epochs} epochs, final training loss ${result.loss === null ? "–" : result.loss.toFixed(6)}\n`,
    );
    if (mismatches !== undefined)
      io.out.write(
        mismatches === 0
          ? "weights: identical to the run file's, bit for bit\n"
          : `weights: ${mismatches} values differ from the run file's\n`,
      );
    if (o.out) io.out.write(`model saved to ${o.out}\n`);
  }
}
