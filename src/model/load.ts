/**
 * bp.loadModel(dir): rebuilds a saved Sequential model — layers from their class names and configs,
 * weights, and (unless `compile: false`) the optimizer with its state, so training resumes exactly.
 *
 *   await model.save("runs/m");
 *   const again = await bp.loadModel("runs/m");
 *   await again.fit(x, y, { epochs: 3, initialEpoch: again.trainingEpoch });
 */
import { BackpropError, FormatError } from "../errors.js";
import { layerFromConfig } from "../nn/layers/layer.js";
import { withOptions, type LossName } from "../losses/index.js";
import { optimizerFromConfig } from "../optim/index.js";
import { makeTensor } from "../tensor/tensor.js";
import { readFileIn, resolveSavedDir, type FsLike } from "./io-node.js";
import { parseModelJson } from "./model-json.js";
import { Sequential } from "./sequential.js";
import { decodeWeights } from "./weights-file.js";

export interface LoadOptions {
  /** Restore the optimizer, loss and metrics (default true). */
  compile?: boolean;
  /** File-system stand-in (tests). */
  fs?: FsLike;
}

/** Loads a model saved with `model.save(dir)`. */
export async function loadModel(dir: string, options: LoadOptions = {}): Promise<Sequential> {
  const op = "loadModel";
  if (typeof dir !== "string" || dir === "") throw new BackpropError(`${op}: expected a directory path`);
  const from = await resolveSavedDir(op, dir, "model.json", options.fs);
  const json = parseModelJson(new TextDecoder().decode(await readFileIn(op, from, "model.json", options.fs)), `${dir}/model.json`);
  const bytes = await readFileIn(op, from, json.weightsManifest.file, options.fs);
  const decoded = decodeWeights(json.weightsManifest, bytes, `${dir}/${json.weightsManifest.file}`);

  const topo = json.modelTopology.config;
  const model = new Sequential({ name: topo.name, layers: topo.layers.map((l) => layerFromConfig(l.className, l.config)) });
  if (json.buildInputShape) model.build(json.buildInputShape);
  const saved = decoded.filter((w) => w.group === "model");
  const vars = model.weights;
  if (saved.length !== vars.length) {
    throw new FormatError(`${op}: ${dir} holds ${saved.length} weights but its layers have ${vars.length}; model.json and weights.bin do not match`);
  }
  vars.forEach((v, i) => {
    const w = saved[i]!;
    if (w.shape.length !== v.shape.length || w.shape.some((d, j) => d !== v.shape[j]) || w.dtype !== v.dtype) {
      throw new FormatError(`${op}: weight "${w.name}" is saved as [${w.shape.join(",")}] ${w.dtype} but the rebuilt layer's "${v.name}" is [${v.shape.join(",")}] ${v.dtype}`);
    }
  });
  vars.forEach((v, i) => {
    const w = saved[i]!;
    const t = makeTensor(w.shape, w.dtype, w.data);
    v.assign(t);
    t.dispose();
  });
  model.trainingEpoch = json.training?.epoch ?? 0;

  const cc = json.compileConfig;
  if (cc && options.compile !== false && cc.loss !== null) {
    const optimizer = optimizerFromConfig(cc.optimizer.className, cc.optimizer.config);
    const loss = typeof cc.loss === "string" ? cc.loss : withOptions(cc.loss.name as LossName, cc.loss.options);
    model.compile({ optimizer, loss, metrics: cc.metrics });
    optimizer.iterations = json.optimizerState?.iterations ?? 0;
    const state = decoded.filter((w) => w.group === "optimizer").map((w) => ({ name: w.name, value: makeTensor(w.shape, w.dtype, w.data) }));
    try {
      if (state.length > 0) optimizer.setState(state);
    } finally {
      for (const s of state) s.value.dispose();
    }
  }
  return model;
}
