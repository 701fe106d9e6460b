/** ONNX constants (initializers and Constant nodes) as float arrays, sized and checked before allocation. */
import { FormatError } from "../errors.js";
import { DT, type OnnxAttribute, type OnnxGraph, type OnnxTensor } from "./onnx-proto.js";

export interface Const {
  dims: number[];
  data: Float32Array | Float64Array;
}

/** Values of a TensorProto (float, double, int32, int64; raw or typed fields). */
export function tensorValues(t: OnnxTensor, where: string): Const {
  const fail = (what: string): never => {
    throw new FormatError(`${where}: tensor "${t.name}": ${what}`);
  };
  if (t.dataLocation === 1) fail("external data files are not supported; save the model with its weights inside");
  const dims = t.dims ?? [];
  if (dims.some((d) => !Number.isSafeInteger(d) || d < 0)) fail(`invalid dims [${dims.join(",")}]`);
  const n = dims.reduce((a, b) => a * b, 1);
  const size = t.dataType === DT.FLOAT || t.dataType === DT.INT32 ? 4 : t.dataType === DT.INT64 || t.dataType === DT.DOUBLE ? 8 : 0;
  if (size === 0) fail(`data type ${t.dataType} is not one backprop reads (float, double, int32, int64)`);
  const raw = t.rawData;
  if (raw && raw.length > 0) {
    if (raw.length !== n * size) fail(`raw_data has ${raw.length} bytes but dims [${dims.join(",")}] need ${n * size}`);
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    const out = t.dataType === DT.DOUBLE ? new Float64Array(n) : new Float32Array(n);
    for (let i = 0; i < n; i++) {
      out[i] = t.dataType === DT.FLOAT ? view.getFloat32(4 * i, true) : t.dataType === DT.INT32 ? view.getInt32(4 * i, true) : t.dataType === DT.DOUBLE ? view.getFloat64(8 * i, true) : Number(view.getBigInt64(8 * i, true));
    }
    return { dims, data: out };
  }
  const list = t.dataType === DT.FLOAT ? t.floatData : t.dataType === DT.INT32 ? t.int32Data : t.dataType === DT.INT64 ? t.int64Data : t.doubleData;
  const values = list ?? [];
  if (values.length !== n) fail(`holds ${values.length} values but dims [${dims.join(",")}] need ${n}`);
  return { dims, data: t.dataType === DT.DOUBLE ? Float64Array.from(values) : Float32Array.from(values) };
}

/** Every constant of the graph by name: initializers and the outputs of Constant nodes. */
export function graphConstants(graph: OnnxGraph, where: string): Map<string, Const> {
  const out = new Map<string, Const>();
  for (const t of graph.initializer) {
    if (out.has(t.name)) throw new FormatError(`${where}: initializer "${t.name}" appears twice`);
    out.set(t.name, tensorValues(t, where));
  }
  for (const node of graph.node) {
    if (node.opType !== "Constant") continue;
    const a = node.attribute?.[0];
    const value = constantAttr(a, where, node.name ?? "");
    if (node.output[0]) out.set(node.output[0], value);
  }
  return out;
}

function constantAttr(a: OnnxAttribute | undefined, where: string, node: string): Const {
  if (a?.name === "value" && a.t) return tensorValues({ ...a.t, name: a.t.name ?? node }, where);
  if (a?.name === "value_float" && a.f !== undefined) return { dims: [], data: Float32Array.of(a.f) };
  if (a?.name === "value_int" && a.i !== undefined) return { dims: [], data: Float32Array.of(a.i) };
  if (a?.name === "value_ints" && a.ints) return { dims: [a.ints.length], data: Float32Array.from(a.ints) };
  if (a?.name === "value_floats" && a.floats) return { dims: [a.floats.length], data: Float32Array.from(a.floats) };
  throw new FormatError(`${where}: Constant node "${node}" has an attribute backprop does not read (${a?.name ?? "none"})`);
}

/** Attribute lookup with a default. */
export function attr(node: { attribute?: OnnxAttribute[] }, name: string): OnnxAttribute | undefined {
  return node.attribute?.find((a) => a.name === name);
}
