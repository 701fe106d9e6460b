/** model.save(dir): serializes in memory first (so nothing is written if that fails), then writes atomically. */
import { ValueError } from "../errors.js";
import type { Layer, Shape } from "../nn/layers/layer.js";
import type { Tensor } from "../tensor/tensor.js";
import type { Compiled } from "./compile.js";
import { writeDirAtomic, type FsLike } from "./io-node.js";
import { FORMAT, FORMAT_VERSION, type LayerJson, type ModelJson } from "./model-json.js";
import { encodeWeights } from "./weights-file.js";

interface SavableModel {
  readonly layers: readonly Layer[];
  readonly inputShape: Shape | undefined;
  readonly trainingEpoch: number;
  getConfig(): { name: string; layers: LayerJson[] };
  compileState(): Compiled | undefined;
}

export const VERSION = "0.1.0";

/** model.json's object and weights.bin's bytes. */
export function serializeModel(model: SavableModel): { json: ModelJson; bytes: Uint8Array } {
  const items: { name: string; tensor: Tensor; group: "model" | "optimizer" }[] = [];
  const seen = new Set<string>();
  for (const layer of model.layers) {
    for (const w of layer.weights) {
      if (seen.has(w.name)) throw new ValueError(`save: two weights are named "${w.name}"; give the layers distinct names`);
      seen.add(w.name);
      items.push({ name: w.name, tensor: w, group: "model" });
    }
  }
  const c = model.compileState();
  let compileConfig: ModelJson["compileConfig"] = null;
  let optimizerState: ModelJson["optimizerState"] = null;
  if (c) {
    const ctor = c.optimizer.constructor as unknown as { className: string };
    compileConfig = {
      optimizer: { className: ctor.className, config: c.optimizer.getConfig() },
      loss: c.lossName,
      metrics: c.metricSpecs.filter((m): m is string => typeof m === "string"),
    };
    optimizerState = { iterations: c.optimizer.iterations };
    for (const s of c.optimizer.getState()) items.push({ name: s.name, tensor: s.value, group: "optimizer" });
  }
  let encoded: ReturnType<typeof encodeWeights>;
  try {
    encoded = encodeWeights(items);
  } finally {
    // getState hands out copies
    for (const it of items) if (it.group === "optimizer") it.tensor.dispose();
  }
  const { manifest, bytes } = encoded;
  const json: ModelJson = {
    format: FORMAT,
    formatVersion: FORMAT_VERSION,
    generatedBy: `backprop ${VERSION}`,
    modelTopology: { className: "Sequential", config: model.getConfig() },
    buildInputShape: model.inputShape ?? null,
    compileConfig,
    optimizerState,
    training: { epoch: model.trainingEpoch },
    weightsManifest: manifest,
  };
  // fails here (before any file is touched) if a config is not JSON-serializable
  JSON.stringify(json);
  return { json, bytes };
}

/** Writes `dir`/model.json and `dir`/weights.bin atomically. */
export async function saveModel(model: SavableModel, dir: string, fs?: FsLike): Promise<void> {
  if (typeof dir !== "string" || dir === "") throw new ValueError("save: expected a directory path");
  const { json, bytes } = serializeModel(model);
  await writeDirAtomic("save", dir, [
    { name: json.weightsManifest.file, data: bytes },
    { name: "model.json", data: JSON.stringify(json, null, 1) },
  ], fs);
}
