/**
 * A model as one .safetensors file: the weights under backprop's names ("dense_1/kernel") or, with
 * `torchNames`, PyTorch's ("0.weight", in PyTorch layouts); `__metadata__` carries the layer configs,
 * so loadModel rebuilds the whole model from the file alone.
 */
import { FormatError } from "../errors.js";
import type { Sequential } from "../model/sequential.js";
import { assignWeights, builtModel, modelConfig, modelFromConfig, parseJson, readWeights, type ModelConfig, type NamedWeight, withWeights } from "./model-io.js";
import { decodeSafetensors, encodeSafetensors, type StDecoded, type StTensor } from "./safetensors.js";
import { torchPlan, torchSource } from "./torch.js";

const MODEL_KEY = "backprop.model";
const NAMES_KEY = "backprop.names";

/** The file's bytes and, with torchNames, the Python source of the matching nn.Sequential. */
export function modelToSafetensors(model: Sequential, options: { torchNames?: boolean } = {}): { bytes: Uint8Array; pythonSource?: string } {
  const op = "save";
  builtModel(op, model);
  const metadata = { format: "pt", [MODEL_KEY]: JSON.stringify(modelConfig(model)), [NAMES_KEY]: options.torchNames ? "torch" : "backprop" };
  const weights = readWeights(model);
  if (!options.torchNames) {
    const tensors: StTensor[] = weights.map((w) => ({ name: w.name, dtype: w.data instanceof Float64Array ? "F64" : w.data instanceof Int32Array ? "I32" : "F32", shape: w.shape, data: w.data }));
    return { bytes: encodeSafetensors(tensors, metadata) };
  }
  const plan = torchPlan(model, `${op} (safetensors, PyTorch names)`);
  const byLayer = new Map(weights.map((w) => [w.name, w.data]));
  const tensors = plan.toTorch((local, layer) => byLayer.get(`${layer}/${local}`)!);
  return { bytes: encodeSafetensors(tensors, metadata), pythonSource: torchSource(plan, model.name) };
}

function parseConfig(text: string | undefined, where: string): ModelConfig {
  if (text === undefined) throw new FormatError(`${where}: this safetensors file holds weights only (no "${MODEL_KEY}" in __metadata__); build the model and use bp.loadWeights(model, path)`);
  const c = parseJson(text, `${where}: __metadata__["${MODEL_KEY}"]`);
  const ok = typeof c === "object" && c !== null && Array.isArray((c as ModelConfig).layers) && (c as ModelConfig).layers.every((l) => typeof l?.className === "string" && typeof l.config === "object" && l.config !== null);
  if (!ok) throw new FormatError(`${where}: __metadata__["${MODEL_KEY}"] must be { name, layers: [{ className, config }], inputShape }`);
  return c as ModelConfig;
}

/** Rebuilds the model saved in a safetensors file (weights under either naming). */
export function modelFromSafetensors(bytes: Uint8Array, where: string): Promise<Sequential> {
  const file = decodeSafetensors(bytes, where);
  const model = modelFromConfig(parseConfig(file.metadata[MODEL_KEY], where), where);
  return withWeights(model, () => namedWeights(model, file.tensors, where), where);
}

/** Sets `model`'s weights from a safetensors file with backprop's or PyTorch's names. */
export function loadSafetensorsWeights(model: Sequential, bytes: Uint8Array, where: string): void {
  const file = decodeSafetensors(bytes, where);
  builtModel("loadWeights", model);
  assignWeights(model, namedWeights(model, file.tensors, where), where);
}

/** The tensors under backprop's names; PyTorch names (a file without "/" in its names) are mapped back. */
function namedWeights(model: Sequential, tensors: readonly StDecoded[], where: string): NamedWeight[] {
  const ours = new Set(model.weights.map((w) => w.name));
  if (tensors.length === 0 || tensors.some((t) => ours.has(t.name))) return [...tensors];
  const byName = new Map(tensors.map((t) => [t.name, t]));
  const plan = torchPlan(model, where);
  const used = new Set<string>();
  const out = plan.fromTorch((name, shape) => {
    const t = byName.get(name);
    if (!t) throw new FormatError(`${where}: no tensor "${name}" (PyTorch naming); the file has ${[...byName.keys()].slice(0, 12).join(", ")}`);
    if (t.shape.length !== shape.length || t.shape.some((d, i) => d !== shape[i])) {
      throw new FormatError(`${where}: tensor "${name}" is [${t.shape.join(",")}] but the model needs [${shape.join(",")}]`);
    }
    used.add(name);
    return t.data;
  });
  const extra = tensors.filter((t) => !used.has(t.name) && !t.name.endsWith("num_batches_tracked")).map((t) => t.name);
  if (extra.length > 0) throw new FormatError(`${where}: tensors ${extra.join(", ")} belong to no layer of the model`);
  return out;
}
