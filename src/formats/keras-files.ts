/**
 * Keras 3 files on disk (Node only): `.keras` zips (fflate) and `.weights.h5` HDF5 files (h5wasm, loaded
 * on first use). Zip entries are checked (names, sizes, compression ratio) before anything is inflated.
 */
import { unzipSync, zipSync, type Unzipped } from "fflate";
import { FormatError } from "../errors.js";
import type { Sequential } from "../model/sequential.js";
import { nodeModules } from "../model/node-fs.js";
import { tempDir, writeFilesAtomic } from "./files-node.js";
import { checkKerasMetadata, KERAS_VERSION, kerasConfig, kerasVarPaths, parseKerasConfig } from "./keras.js";
import { assignWeights, builtModel, modelFromConfig, readWeights, type NamedWeight, withWeights } from "./model-io.js";

type H5 = typeof import("h5wasm/node").default;
let h5: H5 | undefined;

async function h5wasm(): Promise<H5> {
  if (!h5) {
    const name = "h5wasm/node";
    const mod = (await import(/* @vite-ignore */ name)) as typeof import("h5wasm/node");
    await mod.default.ready;
    h5 = mod.default;
  }
  return h5;
}

const classOf = (model: Sequential): string[] => model.layers.map((l) => (l.constructor as { className?: string }).className ?? "");

/** model.weights.h5's bytes: each layer's variables at its Keras path, in Keras's variable order. */
export async function weightsH5(model: Sequential): Promise<Uint8Array> {
  builtModel("save", model);
  const lib = await h5wasm();
  const { fs, path } = await nodeModules("save");
  const tmp = await tempDir("save");
  try {
    const file = path.join(tmp.dir, "model.weights.h5");
    const f = new lib.File(file, "w");
    try {
      const paths = kerasVarPaths(classOf(model));
      const weights = readWeights(model);
      const group = (path: string) => {
        let g = f as InstanceType<H5["Group"]>;
        for (const part of path.split("/")) g = (g.get(part) as InstanceType<H5["Group"]> | null) ?? g.create_group(part);
        return g;
      };
      model.layers.forEach((layer, i) => {
        const g = group(paths[i]!);
        // a recurrent layer has its own (empty) vars beside its cell's, as Keras writes both
        if (paths[i]!.endsWith("/cell/vars")) group(paths[i]!.replace(/cell\/vars$/, "vars"));
        weights.filter((w) => w.layer === layer).forEach((w, k) => g.create_dataset({ name: String(k), data: Float32Array.from(w.data), shape: w.shape }));
      });
      f.create_group("vars");
    } finally {
      f.close();
    }
    return new Uint8Array(await fs.readFile(file));
  } finally {
    await tmp.remove();
  }
}

/** Reads the layer variables of `model` from .weights.h5 bytes, by Keras path. */
export async function weightsFromH5(model: Sequential, bytes: Uint8Array, where: string): Promise<NamedWeight[]> {
  if (!(bytes[0] === 0x89 && bytes[1] === 0x48 && bytes[2] === 0x44 && bytes[3] === 0x46)) throw new FormatError(`${where}: not an HDF5 file`);
  const lib = await h5wasm();
  const { fs, path } = await nodeModules("loadModel");
  const tmp = await tempDir("loadModel");
  try {
    const file = path.join(tmp.dir, "in.h5");
    await fs.writeFile(file, bytes);
    let f: InstanceType<H5["File"]>;
    try {
      f = new lib.File(file, "r");
    } catch (e) {
      throw new FormatError(`${where}: HDF5 file cannot be opened (${(e as Error).message})`);
    }
    try {
      const paths = kerasVarPaths(classOf(model));
      return model.layers.flatMap((layer, i) => {
        const vars = layer.weights;
        const g = f.get(paths[i]!) as InstanceType<H5["Group"]> | null;
        const have = g && typeof g.keys === "function" ? g.keys() : [];
        if (have.length !== vars.length) throw new FormatError(`${where}: ${paths[i]} holds ${have.length} variables but layer "${layer.name}" has ${vars.length}`);
        return vars.map((v, k) => {
          const d = g!.get(String(k)) as InstanceType<H5["Dataset"]> | null;
          if (!d || !(d instanceof lib.Dataset)) throw new FormatError(`${where}: ${paths[i]}/${k} is missing`);
          const shape = d.shape ?? [];
          const n = shape.reduce((a, b) => a * b, 1);
          if (n !== v.size || shape.length !== v.shape.length) throw new FormatError(`${where}: ${paths[i]}/${k} is [${shape.join(",")}] but "${v.name}" needs [${v.shape.join(",")}]`);
          const meta = d.metadata as { type?: number; size?: number };
          if (meta.type === 1 && meta.size !== 4 && meta.size !== 8) throw new FormatError(`${where}: ${paths[i]}/${k} holds ${(meta.size ?? 0) * 8}-bit floats; backprop reads float32 and float64 weights`);
          let value: unknown;
          try {
            value = d.value;
          } catch (e) {
            throw new FormatError(`${where}: ${paths[i]}/${k} cannot be read (${(e as Error).message})`);
          }
          if (!(value instanceof Float32Array || value instanceof Float64Array)) throw new FormatError(`${where}: ${paths[i]}/${k} has dtype ${String(d.dtype)}; expected floats`);
          return { name: v.name, shape, data: value };
        });
      });
    } finally {
      f.close();
    }
  } finally {
    await tmp.remove();
  }
}

const ENTRIES = ["config.json", "metadata.json", "model.weights.h5"];

/** Unzips a .keras file after checking every entry's name and size. */
export function unzipKeras(bytes: Uint8Array, where: string): Unzipped {
  let out: Unzipped;
  try {
    out = unzipSync(bytes, {
      filter: (f) => {
        if (f.name.includes("..") || f.name.startsWith("/") || f.name.includes("\\") || /^[a-z]:/i.test(f.name)) throw new FormatError(`${where}: zip entry "${f.name}" points outside the archive`);
        if (f.originalSize > 2 ** 31 - 1 || f.originalSize > 1000 * f.size + 2 ** 20) throw new FormatError(`${where}: zip entry "${f.name}" claims ${f.originalSize} bytes from ${f.size} (refused)`);
        return ENTRIES.includes(f.name);
      },
    });
  } catch (e) {
    if (e instanceof FormatError) throw e;
    throw new FormatError(`${where}: not a readable zip archive (${(e as Error).message})`);
  }
  for (const e of ENTRIES) if (!out[e]) throw new FormatError(`${where}: the archive has no ${e}; it is not a Keras 3 .keras file`);
  return out;
}

/** Writes `path` as a .keras zip (or, for a .weights.h5 path, the weights alone), atomically. */
export async function saveKeras(model: Sequential, path: string): Promise<void> {
  const weights = await weightsH5(model);
  if (path.endsWith(".h5")) return writeFilesAtomic("save", [{ path, data: weights }]);
  const enc = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
  const meta = { keras_version: KERAS_VERSION, date_saved: new Date().toISOString().slice(0, 19).replace("T", "@"), generated_by: "backprop" };
  const zip = zipSync({ "metadata.json": enc(meta), "config.json": enc(kerasConfig(model)), "model.weights.h5": weights }, { level: 0 });
  await writeFilesAtomic("save", [{ path, data: zip }]);
}

/** Loads a .keras file. */
export async function loadKeras(bytes: Uint8Array, where: string): Promise<Sequential> {
  const files = unzipKeras(bytes, where);
  const dec = (b: Uint8Array) => new TextDecoder().decode(b);
  checkKerasMetadata(dec(files["metadata.json"]!), where);
  const model = modelFromConfig(parseKerasConfig(dec(files["config.json"]!), where), where);
  return withWeights(model, () => weightsFromH5(model, files["model.weights.h5"]!, `${where}!model.weights.h5`), where);
}

/** Loads a .weights.h5 file (or the weights of a .keras file) into `model`. */
export async function loadKerasWeights(model: Sequential, path: string, bytes: Uint8Array): Promise<void> {
  builtModel("loadWeights", model);
  const h5bytes = bytes[0] === 0x50 ? unzipKeras(bytes, path)["model.weights.h5"]! : bytes;
  assignWeights(model, await weightsFromH5(model, h5bytes, path), path);
}
