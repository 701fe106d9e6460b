/**
 * One entry for every model format (ONNX and Keras, with their protobuf, zip and HDF5 libraries, load on first use): `model.save(path, { format })`, `bp.loadModel(path)` (the format
 * is recognised by content, not by name) and `bp.loadWeights(model, path)`.
 *
 *   await model.save("model.safetensors");                 // the extension picks the format
 *   await model.save("web-model", { format: "tfjs" });     // model.json + weights.bin
 *   const m = await bp.loadModel("model.safetensors");
 */
import { FormatError, ValueError } from "../errors.js";
import { loadModel as loadBackprop, type LoadOptions } from "../model/load.js";
import { saveModel as saveBackprop } from "../model/save.js";
import { setModelSaver, type Sequential } from "../model/sequential.js";
import { pathKind, pathTools, readFileChecked, writeFilesAtomic } from "./files-node.js";
import { loadSafetensorsWeights, modelFromSafetensors, modelToSafetensors } from "./safetensors-model.js";
import { loadTfjsDir, loadTfjsWeights, modelToTfjs, tfjsKind } from "./tfjs-files.js";

/**
 * The formats `model.save` writes and `bp.loadModel` reads.
 *
 * @example
 * import { mkdtempSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import { join } from "node:path";
 * const format: bp.ModelFormat = "tfjs";
 * const dir = join(mkdtempSync(join(tmpdir(), "bp-")), "web-model");
 * const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [2] })]);
 * await model.save(dir, { format });   // model.json + weights, loadable by tf.loadLayersModel
 * (await bp.loadModel(dir)).countParams();   // => 3
 */
export type ModelFormat = "backprop" | "safetensors" | "tfjs" | "onnx" | "keras";
/**
 * Every format name `model.save(path, { format })` accepts, e.g. for a command line's choices.
 *
 * @example
 * bp.MODEL_FORMATS;   // => ["backprop", "safetensors", "tfjs", "onnx", "keras"]
 */
export const MODEL_FORMATS: readonly ModelFormat[] = ["backprop", "safetensors", "tfjs", "onnx", "keras"];

/**
 * Options of `model.save(path, options)`: the format (else picked by the extension) and PyTorch naming.
 *
 * @example
 * import { existsSync, mkdtempSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import { join } from "node:path";
 * const dir = mkdtempSync(join(tmpdir(), "bp-"));
 * const options: bp.SaveOptions = { format: "safetensors", torchNames: true };   // PyTorch names, plus mlp.py
 * const model = bp.sequential([bp.layers.dense({ units: 4, activation: "relu", inputShape: [2] }), bp.layers.dense({ units: 1 })]);
 * await model.save(join(dir, "mlp.safetensors"), options);
 * existsSync(join(dir, "mlp.py"));   // => true
 */
export interface SaveOptions {
  /** The format; default: from the extension (.safetensors, .onnx, .keras, .weights.h5), else "backprop" (a directory). */
  format?: ModelFormat;
  /** safetensors: PyTorch names and layouts, plus `<name>.py` defining the matching nn.Sequential. */
  torchNames?: boolean;
}

/** The format a save path implies. */
export function formatForPath(path: string): ModelFormat {
  if (path.endsWith(".safetensors")) return "safetensors";
  if (path.endsWith(".onnx")) return "onnx";
  if (path.endsWith(".keras") || path.endsWith(".weights.h5")) return "keras";
  return "backprop";
}

/** Saves `model` at `path` in the format asked for (or implied by the extension), atomically. */
export async function saveModelAs(model: Sequential, path: string, options: SaveOptions = {}): Promise<void> {
  if (typeof path !== "string" || path === "") throw new ValueError("save: expected a path");
  if (options === null || typeof options !== "object") throw new ValueError(`save: options must be an object like { format: "safetensors" }, got ${String(options)}`);
  const format = options.format ?? formatForPath(path);
  if (!MODEL_FORMATS.includes(format)) throw new ValueError(`save: unknown format ${JSON.stringify(format)}; expected one of ${MODEL_FORMATS.map((f) => `"${f}"`).join(", ")}`);
  if (options.torchNames && format !== "safetensors") throw new ValueError(`save: torchNames applies to the safetensors format, not "${format}"`);
  switch (format) {
    case "backprop":
      return saveBackprop(model, path);
    case "safetensors": {
      const { bytes, pythonSource } = modelToSafetensors(model, options);
      const files: { path: string; data: Uint8Array | string }[] = [{ path, data: bytes }];
      if (pythonSource !== undefined) files.push({ path: path.replace(/(\.safetensors)?$/, ".py"), data: pythonSource });
      return writeFilesAtomic("save", files);
    }
    case "tfjs":
      return modelToTfjs(model, path);
    case "onnx": {
      const { modelToOnnx } = await import("./onnx-export.js");
      return writeFilesAtomic("save", [{ path, data: modelToOnnx(model) }]);
    }
    case "keras":
      return (await import("./keras-files.js")).saveKeras(model, path);
  }
}

setModelSaver(saveModelAs);

/** What a file's first bytes say it is. */
export function sniff(bytes: Uint8Array): "safetensors" | "json" | "zip" | "hdf5" | "unknown" {
  if (bytes.length >= 9 && bytes[8] === 0x7b) {
    const n = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
    if (n <= BigInt(bytes.length - 8)) return "safetensors";
  }
  const first = bytes.find((b) => b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09);
  if (first === 0x7b) return "json";
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return "zip";
  if (bytes[0] === 0x89 && bytes[1] === 0x48 && bytes[2] === 0x44 && bytes[3] === 0x46) return "hdf5";
  return "unknown";
}

/**
 * Loads a model saved in any supported format, recognised by its content.
 *
 * @example
 * import { mkdtempSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import { join } from "node:path";
 * const dir = mkdtempSync(join(tmpdir(), "bp-"));
 * const model = bp.sequential([bp.layers.dense({ units: 2, activation: "softmax", inputShape: [3] })]);
 * model.compile({ optimizer: "adam", loss: "categoricalCrossentropy" });
 * await model.save(join(dir, "model"));                    // backprop's own directory format
 * await model.save(join(dir, "model.safetensors"));        // or by extension: .onnx, .keras, tfjs with { format }
 * const restored = await bp.loadModel(join(dir, "model"));   // any supported format, recognised by content
 * restored.predict(bp.ones([1, 3]));   // => model.predict(bp.ones([1, 3])).toArray()
 * (await bp.loadModel(join(dir, "model.safetensors"))).countParams();   // => 8
 */
export async function loadModel(path: string, options: LoadOptions = {}): Promise<Sequential> {
  const op = "loadModel";
  if (typeof path !== "string" || path === "") throw new ValueError(`${op}: expected a path to a saved model (a directory or a file)`);
  if (options.fs) return loadBackprop(path, options);
  const kind = await pathKind(op, path);
  const p = await pathTools(op);
  if (kind === "dir") {
    const json = p.join(path, "model.json");
    if ((await pathKind(op, json)) !== "file") return loadBackprop(path, options);
    return loadFromModelJson(path, await readFileChecked(op, json, 256 * 2 ** 20, path), options);
  }
  if (kind === "missing") return loadBackprop(path, options);
  const bytes = await readFileChecked(op, path);
  const what = sniff(bytes);
  switch (what) {
    case "safetensors":
      return modelFromSafetensors(bytes, path);
    case "json":
      return loadFromModelJson(p.dirname(path), bytes, options, p.basename(path));
    case "unknown":
      if (looksLikeOnnx(bytes)) return (await import("./onnx-import.js")).modelFromOnnx(bytes, path);
      break;
    case "zip":
      return (await import("./keras-files.js")).loadKeras(bytes, path);
    case "hdf5":
      throw new FormatError(`${op}: ${path} is an HDF5 weights file; build the model and load it with bp.loadWeights(model, path)`);
  }
  throw new FormatError(`${op}: ${path} is not a model file backprop reads (expected a backprop or TensorFlow.js model.json, a .safetensors, .onnx or .keras file); it starts with bytes ${[...bytes.subarray(0, 8)].map((b) => b.toString(16).padStart(2, "0")).join(" ")}`);
}

/** An ONNX ModelProto starts with field 1 (ir_version, varint) — tag byte 0x08. */
function looksLikeOnnx(bytes: Uint8Array): boolean {
  return bytes.length > 2 && bytes[0] === 0x08 && bytes[1]! < 0x80;
}

async function loadFromModelJson(dir: string, bytes: Uint8Array, options: LoadOptions, name = "model.json"): Promise<Sequential> {
  const text = new TextDecoder().decode(bytes);
  const kind = tfjsKind(text);
  if (kind === "tfjs") return loadTfjsDir(dir, text, name);
  if (name !== "model.json") throw new FormatError(`loadModel: ${dir}/${name} is not a TensorFlow.js model; a backprop model is loaded from its directory`);
  return loadBackprop(dir, options);
}

/**
 * Loads weights by name into an existing model: safetensors, Keras .weights.h5 / .keras, or a TensorFlow.js model.json with its shards.
 *
 * @example
 * import { mkdtempSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import { join } from "node:path";
 * const file = join(mkdtempSync(join(tmpdir(), "bp-")), "weights.safetensors");
 * const make = () => bp.sequential([bp.layers.dense({ units: 2, inputShape: [3], name: "hidden" })]);   // matched by weight name
 * const trained = make();
 * await trained.save(file);
 * const fresh = make();
 * await bp.loadWeights(fresh, file);
 * fresh.predict(bp.ones([1, 3]));   // => trained.predict(bp.ones([1, 3])).toArray()
 */
export async function loadWeights(model: Sequential, path: string): Promise<void> {
  const op = "loadWeights";
  if (typeof path !== "string" || path === "") throw new ValueError(`${op}: expected a path`);
  const p = await pathTools(op);
  const kind = await pathKind(op, path);
  if (kind === "missing") throw new FormatError(`${op}: ${path} does not exist`);
  const file = kind === "dir" ? p.join(path, "model.json") : path;
  const bytes = await readFileChecked(op, file);
  const what = sniff(bytes);
  if (what === "safetensors") return loadSafetensorsWeights(model, bytes, file);
  if (what === "hdf5" || what === "zip") return (await import("./keras-files.js")).loadKerasWeights(model, file, bytes);
  if (what === "json" && tfjsKind(new TextDecoder().decode(bytes)) === "tfjs") return loadTfjsWeights(model, p.dirname(file), new TextDecoder().decode(bytes), file);
  throw new FormatError(`${op}: ${file} is not a weights file backprop reads (.safetensors, .weights.h5, .keras, or a TensorFlow.js model.json)`);
}
