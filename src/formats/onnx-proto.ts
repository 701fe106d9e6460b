/**
 * The part of onnx.proto (onnx/onnx, IR version 7+) that Sequential models need, as a protobufjs JSON
 * descriptor: ModelProto, GraphProto, NodeProto, AttributeProto, TensorProto, ValueInfoProto.
 * protobufjs does the wire format; field numbers are the ones onnx.proto fixes.
 */
import protobuf from "protobufjs/light.js";
import { FormatError } from "../errors.js";

const descriptor = {
  nested: {
    onnx: {
      nested: {
        ModelProto: {
          fields: {
            irVersion: { type: "int64", id: 1 }, producerName: { type: "string", id: 2 }, producerVersion: { type: "string", id: 3 },
            domain: { type: "string", id: 4 }, modelVersion: { type: "int64", id: 5 }, docString: { type: "string", id: 6 },
            graph: { type: "GraphProto", id: 7 }, opsetImport: { rule: "repeated", type: "OperatorSetIdProto", id: 8 },
          },
        },
        OperatorSetIdProto: { fields: { domain: { type: "string", id: 1 }, version: { type: "int64", id: 2 } } },
        GraphProto: {
          fields: {
            node: { rule: "repeated", type: "NodeProto", id: 1 }, name: { type: "string", id: 2 },
            initializer: { rule: "repeated", type: "TensorProto", id: 5 }, docString: { type: "string", id: 10 },
            input: { rule: "repeated", type: "ValueInfoProto", id: 11 }, output: { rule: "repeated", type: "ValueInfoProto", id: 12 },
            valueInfo: { rule: "repeated", type: "ValueInfoProto", id: 13 },
          },
        },
        NodeProto: {
          fields: {
            input: { rule: "repeated", type: "string", id: 1 }, output: { rule: "repeated", type: "string", id: 2 },
            name: { type: "string", id: 3 }, opType: { type: "string", id: 4 }, attribute: { rule: "repeated", type: "AttributeProto", id: 5 },
            domain: { type: "string", id: 7 },
          },
        },
        AttributeProto: {
          fields: {
            name: { type: "string", id: 1 }, f: { type: "float", id: 2 }, i: { type: "int64", id: 3 }, s: { type: "bytes", id: 4 },
            t: { type: "TensorProto", id: 5 }, floats: { rule: "repeated", type: "float", id: 7 }, ints: { rule: "repeated", type: "int64", id: 8 },
            strings: { rule: "repeated", type: "bytes", id: 9 }, type: { type: "int32", id: 20 },
          },
        },
        TensorProto: {
          fields: {
            dims: { rule: "repeated", type: "int64", id: 1 }, dataType: { type: "int32", id: 2 },
            floatData: { rule: "repeated", type: "float", id: 4 }, int32Data: { rule: "repeated", type: "int32", id: 5 },
            int64Data: { rule: "repeated", type: "int64", id: 7 }, name: { type: "string", id: 8 }, rawData: { type: "bytes", id: 9 },
            doubleData: { rule: "repeated", type: "double", id: 10 }, dataLocation: { type: "int32", id: 14 },
          },
        },
        ValueInfoProto: { fields: { name: { type: "string", id: 1 }, type: { type: "TypeProto", id: 2 } } },
        TypeProto: { fields: { tensorType: { type: "TypeTensor", id: 1 } } },
        TypeTensor: { fields: { elemType: { type: "int32", id: 1 }, shape: { type: "TensorShapeProto", id: 2 } } },
        TensorShapeProto: { fields: { dim: { rule: "repeated", type: "Dimension", id: 1 } } },
        Dimension: { fields: { dimValue: { type: "int64", id: 1 }, dimParam: { type: "string", id: 2 } } },
      },
    },
  },
};

const root = protobuf.Root.fromJSON(descriptor);
const ModelType = root.lookupType("onnx.ModelProto");

export interface OnnxTensor {
  name: string;
  dims: number[];
  dataType: number;
  floatData?: number[];
  int32Data?: number[];
  int64Data?: number[];
  doubleData?: number[];
  rawData?: Uint8Array;
  dataLocation?: number;
}
export interface OnnxAttribute {
  name: string;
  type: number;
  f?: number;
  i?: number;
  s?: Uint8Array;
  t?: OnnxTensor;
  floats?: number[];
  ints?: number[];
}
export interface OnnxNode {
  input: string[];
  output: string[];
  name?: string;
  opType: string;
  domain?: string;
  attribute?: OnnxAttribute[];
}
export interface OnnxValueInfo {
  name: string;
  type?: { tensorType?: { elemType?: number; shape?: { dim?: { dimValue?: number; dimParam?: string }[] } } };
}
export interface OnnxGraph {
  node: OnnxNode[];
  name: string;
  initializer: OnnxTensor[];
  input: OnnxValueInfo[];
  output: OnnxValueInfo[];
}
export interface OnnxModel {
  irVersion: number;
  producerName?: string;
  producerVersion?: string;
  graph: OnnxGraph;
  opsetImport: { domain?: string; version: number }[];
}

/** ONNX TensorProto data types used here. */
export const DT = { FLOAT: 1, INT32: 6, INT64: 7, DOUBLE: 11 } as const;
/** AttributeProto types. */
export const AT = { FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, FLOATS: 6, INTS: 7 } as const;

/** Serializes a model. */
export function encodeOnnx(model: OnnxModel): Uint8Array {
  return ModelType.encode(ModelType.fromObject(model)).finish();
}

/** Parses a model; int64 fields come back as numbers (out-of-range values are a FormatError). */
export function decodeOnnx(bytes: Uint8Array, where: string): OnnxModel {
  let msg: protobuf.Message;
  try {
    msg = ModelType.decode(bytes);
  } catch (e) {
    throw new FormatError(`onnx: ${where} is not a valid ONNX protobuf (${(e as Error).message})`);
  }
  const obj = ModelType.toObject(msg, { longs: String, bytes: Uint8Array as unknown as typeof String, defaults: false, arrays: true }) as Record<string, unknown>;
  const fixLongs = (v: unknown, key: string): unknown => {
    if (typeof v === "string" && /^(irVersion|version|i|dims|int64Data|ints|dimValue|modelVersion)$/.test(key)) {
      const n = Number(v);
      if (!Number.isSafeInteger(n)) throw new FormatError(`onnx: ${where}: ${key} value ${v} is out of range`);
      return n;
    }
    if (Array.isArray(v)) return v.map((x) => fixLongs(x, key));
    if (v && typeof v === "object" && !(v instanceof Uint8Array)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fixLongs(x, k)]));
    return v;
  };
  const model = fixLongs(obj, "") as OnnxModel;
  if (!model.graph) throw new FormatError(`onnx: ${where} has no graph; it is not an ONNX model`);
  model.graph.node ??= [];
  model.graph.initializer ??= [];
  model.graph.input ??= [];
  model.graph.output ??= [];
  model.opsetImport ??= [];
  return model;
}
