/** TensorFlow.js model directories on disk (Node only): model.json + weight shards. */
import { FormatError } from "../errors.js";
import { writeDirAtomic } from "../model/io-node.js";
import type { Sequential } from "../model/sequential.js";
import { pathTools, readFileChecked } from "./files-node.js";
import { assignWeights, builtModel, withWeights } from "./model-io.js";
import { modelFromTfjs, modelToTfjsArtifacts, parseTfjsJson, tfjsWeights } from "./tfjs.js";

export { tfjsKind } from "./tfjs.js";

/** Writes `dir`/model.json and `dir`/weights.bin atomically. */
export async function modelToTfjs(model: Sequential, dir: string): Promise<void> {
  const { modelJson, weightsBin } = modelToTfjsArtifacts(model);
  await writeDirAtomic("save", dir, [
    { name: "weights.bin", data: weightsBin },
    { name: "model.json", data: JSON.stringify(modelJson) },
  ]);
}

/** Reads every shard a model.json names (each size-checked), keyed by its path. */
async function readShards(dir: string, text: string, where: string): Promise<Map<string, Uint8Array>> {
  const p = await pathTools("loadModel");
  const { groups } = parseTfjsJson(text, where);
  const shards = new Map<string, Uint8Array>();
  for (const g of groups) for (const s of g.paths) if (!shards.has(s)) shards.set(s, await readFileChecked("loadModel", p.join(dir, s), undefined, dir));
  return shards;
}

/** Loads a TensorFlow.js layers model from its directory. */
export async function loadTfjsDir(dir: string, text: string, name = "model.json"): Promise<Sequential> {
  const where = `${dir}/${name}`;
  const shards = await readShards(dir, text, where);
  const { model, weights } = modelFromTfjs(text, (s) => shards.get(s)!, where);
  return withWeights(model, () => weights, where);
}

/** Sets `model`'s weights from a TensorFlow.js model.json and its shards, by name. */
export async function loadTfjsWeights(model: Sequential, dir: string, text: string, where: string): Promise<void> {
  builtModel("loadWeights", model);
  const shards = await readShards(dir, text, where);
  const weights = tfjsWeights(parseTfjsJson(text, where).groups, (s) => shards.get(s)!, where);
  if (weights.length === 0 && model.weights.length > 0) throw new FormatError(`${where}: the file holds no weights`);
  assignWeights(model, weights, where);
}
