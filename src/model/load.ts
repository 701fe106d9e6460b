/**
 * bp.loadModel(dir): rebuilds a saved Sequential model — layers from their class names and configs,
 * weights, and (unless `compile: false`) the optimizer with its state, so training resumes exactly.
 *
 *   await model.save("runs/m");
 *   const again = await bp.loadModel("runs/m");
 *   await again.fit(x, y, { epochs: 3, initialEpoch: again.trainingEpoch });
 *
 * A saved directory may come from anyone: model.json is checked whole before anything is built,
 * only regular files inside the directory are read, no more bytes than the manifest declares, and
 * layers take their weights from the file as they are built (nothing is initialized and then
 * overwritten, and a shape that differs from the file's is refused before it is allocated).
 */
import { BackpropError, fmtShape, FormatError, NotFoundError } from "../errors.js";
import { layerFromConfig, withWeightSource, type Layer } from "../nn/layers/layer.js";
import { withOptions, type LossName } from "../losses/index.js";
import { optimizerFromConfig } from "../optim/index.js";
import { makeTensor } from "../tensor/tensor.js";
import { readFileIn, resolveSavedDir, type FsLike } from "./io-node.js";
import { MAX_MODEL_JSON_BYTES, parseModelJson, type ModelJson } from "./model-json.js";
import { Sequential } from "./sequential.js";
import { decodeWeights, type DecodedWeight } from "./weights-file.js";

/**
 * Options of `bp.loadModel(path, options)` for backprop's own directory format.
 *
 * @example
 * import { mkdtempSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import { join } from "node:path";
 * const dir = join(mkdtempSync(join(tmpdir(), "bp-")), "model");
 * const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [2] })]);
 * model.compile({ optimizer: "adam", loss: "mse" });
 * await model.save(dir);
 * const options: bp.LoadOptions = { compile: false };   // weights and layers only
 * (await bp.loadModel(dir, options)).optimizer;   // => undefined
 */
export interface LoadOptions {
  /** Restore the optimizer, loss and metrics (default true). */
  compile?: boolean;
  /** File-system stand-in (tests). */
  fs?: FsLike;
}

/** Runs fn; any error it throws becomes a FormatError about `field` of `where` (NotFoundErrors keep their class). */
function about<T>(where: string, field: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    const message = `loadModel: ${where}: ${field}: ${e instanceof Error ? e.message : String(e)}`;
    if (e instanceof NotFoundError) throw new NotFoundError(message);
    if (e instanceof FormatError && e.message.startsWith("loadModel:")) throw e;
    throw new FormatError(message);
  }
}

/** The layers, built for buildInputShape with their weights taken from `saved` (matched by name). */
function rebuild(json: ModelJson, saved: DecodedWeight[], where: string, weightsName: string): Sequential {
  const byName = new Map(saved.map((w) => [w.name, w]));
  const used = new Set<string>();
  const source = (name: string, shape: readonly number[], dtype: string) => {
    const w = byName.get(name);
    if (!w)
      throw new FormatError(
        `the layers create weight "${name}" ${fmtShape(shape)} but ${weightsName} holds no weight of that name`,
      );
    if (w.dtype !== dtype || w.shape.length !== shape.length || w.shape.some((d, i) => d !== shape[i])) {
      throw new FormatError(
        `the layer config makes weight "${name}" ${fmtShape(shape)} ${dtype} but ${weightsName} holds ${fmtShape(w.shape)} ${w.dtype}`,
      );
    }
    used.add(name);
    return makeTensor(w.shape, w.dtype, w.data);
  };
  const topo = json.modelTopology.config;
  return withWeightSource(source, () => {
    const layers: Layer[] = topo.layers.map((l, i) =>
      about(where, `modelTopology layer ${i} (${l.className})`, () => layerFromConfig(l.className, l.config)),
    );
    const model = about(where, "modelTopology", () => new Sequential({ name: topo.name, layers }));
    const shape = json.buildInputShape;
    if (shape)
      about(where, `the layers for buildInputShape ${JSON.stringify(shape)}`, () => model.build(shape));
    const unused = saved.filter((w) => !used.has(w.name));
    if (unused.length > 0 || model.weights.length !== saved.length) {
      throw new FormatError(
        `loadModel: ${where}: ${weightsName} holds ${saved.length} model weights but the layers have ${model.weights.length}${
          unused.length > 0
            ? ` (unused: ${unused
                .slice(0, 3)
                .map((w) => `"${w.name}"`)
                .join(", ")})`
            : ""
        }; model.json and ${weightsName} do not match`,
      );
    }
    return model;
  });
}

/** Loads a model saved with `model.save(dir)`. */
export async function loadModel(dir: string, options: LoadOptions = {}): Promise<Sequential> {
  const op = "loadModel";
  if (typeof dir !== "string" || dir === "") throw new BackpropError(`${op}: expected a directory path`);
  const from = await resolveSavedDir(op, dir, "model.json", options.fs);
  const where = `${dir}/model.json`;
  const text = new TextDecoder().decode(
    await readFileIn(op, from, "model.json", { maxBytes: MAX_MODEL_JSON_BYTES, label: where }, options.fs),
  );
  const json = parseModelJson(text, where);
  const manifest = json.weightsManifest;
  const weightsName = `${dir}/${manifest.file}`;
  const bytes = await readFileIn(
    op,
    from,
    manifest.file,
    { maxBytes: manifest.byteLength, exactBytes: manifest.byteLength, label: weightsName },
    options.fs,
  );
  const decoded = decodeWeights(manifest, bytes, weightsName);

  const model = rebuild(
    json,
    decoded.filter((w) => w.group === "model"),
    where,
    weightsName,
  );
  model.trainingEpoch = json.training.epoch;

  const cc = json.compileConfig;
  if (cc && options.compile !== false && cc.loss !== null) {
    const optimizer = about(where, "compileConfig.optimizer", () =>
      optimizerFromConfig(cc.optimizer.className, cc.optimizer.config),
    );
    const loss = cc.loss;
    about(where, "compileConfig", () =>
      model.compile({
        optimizer,
        loss: typeof loss === "string" ? loss : withOptions(loss.name as LossName, loss.options),
        metrics: cc.metrics,
      }),
    );
    optimizer.iterations = json.optimizerState?.iterations ?? 0;
    const state = decoded
      .filter((w) => w.group === "optimizer")
      .map((w) => ({ name: w.name, value: makeTensor(w.shape, w.dtype, w.data) }));
    try {
      if (state.length > 0)
        about(where, "the optimizer slots in weightsManifest", () => optimizer.setState(state));
    } finally {
      for (const s of state) s.value.dispose();
    }
  }
  return model;
}
