/**
 * ONNX export (opset 13, a dynamic batch axis "N"): dense → MatMul + Add, conv2d → Conv on NCHW (the
 * graph transposes from NHWC and back, kernels become OIHW), pooling, flatten, reshape, batch
 * normalization, every activation, lstm / gru / simpleRNN → LSTM / GRU / RNN; dropout is dropped.
 */
import { FormatError } from "../errors.js";
import type { Shape } from "../nn/layers/layer.js";
import type { Sequential } from "../model/sequential.js";
import { channelsAxis, hwioToOihw, reorderBlocks, transpose2d, window2d, type Window2d } from "./layout.js";
import { builtModel, readWeights } from "./model-io.js";
import { AT, DT, encodeOnnx, type OnnxAttribute, type OnnxNode, type OnnxTensor, type OnnxValueInfo } from "./onnx-proto.js";

export const OPSET = 13;

/** Builds the node list; `t` names fresh tensors, `init` adds constants. */
class Graph {
  nodes: OnnxNode[] = [];
  inits: OnnxTensor[] = [];
  private n = 0;
  constructor(private readonly prefix: string) {}
  fresh(hint: string): string {
    return `${hint}_${this.n++}`;
  }
  init(name: string, dims: number[], data: ArrayLike<number>, dataType: number = DT.FLOAT): string {
    const bytes = new Uint8Array(data.length * (dataType === DT.INT64 ? 8 : 4));
    const view = new DataView(bytes.buffer);
    for (let i = 0; i < data.length; i++) {
      if (dataType === DT.INT64) view.setBigInt64(8 * i, BigInt(data[i]!), true);
      else view.setFloat32(4 * i, data[i]!, true);
    }
    this.inits.push({ name, dims, dataType, rawData: bytes });
    return name;
  }
  op(opType: string, inputs: string[], attrs: OnnxAttribute[] = [], outputs = 1): string[] {
    const out = Array.from({ length: outputs }, () => this.fresh(`${this.prefix}${opType.toLowerCase()}`));
    this.nodes.push({ opType, input: inputs, output: out, name: this.fresh(opType), attribute: attrs });
    return out;
  }
  op1(opType: string, inputs: string[], attrs: OnnxAttribute[] = []): string {
    return this.op(opType, inputs, attrs)[0]!;
  }
}

const ints = (name: string, v: number[]): OnnxAttribute => ({ name, type: AT.INTS, ints: v });
const int = (name: string, v: number): OnnxAttribute => ({ name, type: AT.INT, i: v });
const float = (name: string, v: number): OnnxAttribute => ({ name, type: AT.FLOAT, f: v });
const strs = (name: string, v: string[]): OnnxAttribute => ({ name, type: 8, strings: v.map((s) => new TextEncoder().encode(s)) } as OnnxAttribute);

/** Applies a named activation to tensor `x`; returns the output tensor. */
function activation(g: Graph, name: string, x: string, where: string): string {
  const c = (v: number): string => g.init(g.fresh("const"), [], [v]);
  switch (name) {
    case "linear": return x;
    case "relu": return g.op1("Relu", [x]);
    case "sigmoid": return g.op1("Sigmoid", [x]);
    case "tanh": return g.op1("Tanh", [x]);
    case "softmax": return g.op1("Softmax", [x], [int("axis", -1)]);
    case "logSoftmax": return g.op1("LogSoftmax", [x], [int("axis", -1)]);
    case "elu": return g.op1("Elu", [x], [float("alpha", 1)]);
    case "selu": return g.op1("Selu", [x]);
    case "leakyRelu": return g.op1("LeakyRelu", [x], [float("alpha", 0.2)]);
    case "hardSigmoid": return g.op1("HardSigmoid", [x], [float("alpha", 0.2), float("beta", 0.5)]);
    case "softplus": return g.op1("Softplus", [x]);
    case "softsign": return g.op1("Softsign", [x]);
    case "relu6": return g.op1("Clip", [x, c(0), c(6)]);
    case "hardTanh": return g.op1("Clip", [x, c(-1), c(1)]);
    case "swish": return g.op1("Mul", [x, g.op1("Sigmoid", [x])]);
    case "gelu":
      // 0.5·x·(1 + erf(x/√2)), exact; opset 13 has Erf (the Gelu op came with opset 20)
      return g.op1("Mul", [g.op1("Mul", [x, c(0.5)]), g.op1("Add", [g.op1("Erf", [g.op1("Mul", [x, c(Math.SQRT1_2)])]), c(1)])]);
    case "geluApproximate": {
      // 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))
      const x3 = g.op1("Mul", [g.op1("Mul", [x, x]), x]);
      const inner = g.op1("Mul", [g.op1("Add", [x, g.op1("Mul", [x3, c(0.044715)])]), c(Math.sqrt(2 / Math.PI))]);
      return g.op1("Mul", [g.op1("Mul", [x, c(0.5)]), g.op1("Add", [g.op1("Tanh", [inner]), c(1)])]);
    }
    default:
      throw new FormatError(`${where}: activation "${name}" has no ONNX form`);
  }
}

/** The model as ONNX bytes. */
export function modelToOnnx(model: Sequential, where = "save (onnx)"): Uint8Array {
  builtModel("save", model);
  const g = new Graph("");
  const weights = new Map(readWeights(model).map((w) => [w.name, w]));
  const input = model.inputShape!;
  const intInput = model.layers[0] && (model.layers[0].constructor as { className?: string }).className === "Embedding";
  let x = "x";
  let shape: Shape = [...input];
  let nchw = false;
  const toNchw = (): void => {
    if (!nchw) x = g.op1("Transpose", [x], [ints("perm", [0, 3, 1, 2])]);
    nchw = true;
  };
  const toNhwc = (): void => {
    if (nchw) x = g.op1("Transpose", [x], [ints("perm", [0, 2, 3, 1])]);
    nchw = false;
  };
  const outShapes = model.layerOutputShapes();
  model.layers.forEach((layer, li) => {
    const cls = (layer.constructor as { className?: string }).className ?? "";
    const c = layer.getConfig();
    const w = `${where}: layer "${layer.name}" (${cls})`;
    const get = (local: string) => weights.get(`${layer.name}/${local}`)!;
    const has = (local: string) => weights.has(`${layer.name}/${local}`);
    const dim = (i: number): number => {
      const d = shape[i];
      if (typeof d !== "number") throw new FormatError(`${w}: needs a known input size on axis ${i}`);
      return d;
    };
    /** This layer's window over its NHWC input, with ONNX `pads` [top, left, bottom, right]. */
    const onnxWindow = (): Window2d & { onnxPads: number[] } => {
      const win = window2d(c, dim(1), dim(2));
      const [t, b, l, r] = win.pads;
      return { ...win, onnxPads: [t, l, b, r] };
    };
    const act = (a: unknown): void => {
      if (a === "softmax" || a === "logSoftmax") toNhwc();
      x = activation(g, String(a), x, w);
    };
    const p = layer.name;
    switch (cls) {
      case "Dense": {
        toNhwc();
        const k = get("kernel");
        x = g.op1("MatMul", [x, g.init(`${p}/kernel`, k.shape, k.data)]);
        if (has("bias")) x = g.op1("Add", [x, g.init(`${p}/bias`, get("bias").shape, get("bias").data)]);
        act(c.activation);
        break;
      }
      case "Conv2D": {
        const k = get("kernel");
        const [ci, co] = k.shape.slice(2) as [number, number];
        const { kh, kw, sh, sw, onnxPads: pads } = onnxWindow();
        toNchw();
        const ins = [x, g.init(`${p}/kernel`, [co, ci, kh, kw], hwioToOihw(k.data, k.shape))];
        if (has("bias")) ins.push(g.init(`${p}/bias`, [co], get("bias").data));
        x = g.op1("Conv", ins, [ints("kernel_shape", [kh, kw]), ints("strides", [sh, sw]), ints("pads", pads), ints("dilations", [1, 1])]);
        act(c.activation);
        break;
      }
      case "MaxPooling2D":
      case "AveragePooling2D": {
        const { kh, kw, sh, sw, onnxPads: pads } = onnxWindow();
        toNchw();
        x = g.op1(cls === "MaxPooling2D" ? "MaxPool" : "AveragePool", [x], [ints("kernel_shape", [kh, kw]), ints("strides", [sh, sw]), ints("pads", pads)]);
        break;
      }
      case "Flatten":
        toNhwc();
        x = g.op1("Flatten", [x], [int("axis", 1)]);
        break;
      case "Reshape":
        toNhwc();
        x = g.op1("Reshape", [x, g.init(g.fresh(`${p}/shape`), [1 + (c.targetShape as number[]).length], [0, ...(c.targetShape as number[])], DT.INT64)]);
        break;
      case "Dropout":
        break;
      case "Activation":
        act(c.activation);
        break;
      case "BatchNormalization": {
        const axis = channelsAxis(c, shape.length);
        if (axis === undefined)
          throw new FormatError(`${w}: ONNX BatchNormalization takes the channels of rank-2 or rank-4 inputs only`);
        const ch = dim(axis);
        if (axis === 3) toNchw();
        const vec = (local: string, dflt: number) => g.init(`${p}/${local}`, [ch], has(local) ? get(local).data : new Array<number>(ch).fill(dflt));
        x = g.op1("BatchNormalization", [x, vec("gamma", 1), vec("beta", 0), vec("movingMean", 0), vec("movingVariance", 1)], [float("epsilon", Number(c.epsilon))]);
        break;
      }
      case "LSTM":
      case "GRU":
      case "SimpleRNN":
        x = recurrent(g, cls, c, x, dim(2), get, has, p, w);
        break;
      case "Embedding": {
        const e = get("embeddings");
        x = g.op1("Gather", [g.init(`${p}/embeddings`, e.shape, e.data), x], [int("axis", 0)]);
        break;
      }
      default:
        throw new FormatError(`${w}: ONNX export does not cover this layer`);
    }
    shape = outShapes[li]!;
  });
  toNhwc();
  const vi = (name: string, dims: Shape, elemType: number): OnnxValueInfo => ({
    name,
    type: { tensorType: { elemType, shape: { dim: dims.map((d, i) => (i === 0 || d === null ? { dimParam: i === 0 ? "N" : `d${i}` } : { dimValue: d })) } } },
  });
  const y = g.op1("Identity", [x]);
  return encodeOnnx({
    irVersion: 7,
    producerName: "backprop",
    producerVersion: "0.1.0",
    opsetImport: [{ domain: "", version: OPSET }],
    graph: { name: model.name, node: g.nodes, initializer: g.inits, input: [vi("x", input, intInput ? DT.INT32 : DT.FLOAT)], output: [vi("y", shape, DT.FLOAT)].map((v) => ({ ...v, name: y })) },
  });
}

type Get = (local: string) => { shape: number[]; data: ArrayLike<number> };

/** LSTM (Keras gates i,f,c,o → ONNX i,o,f,c), GRU (z,r,h in both; linear_before_reset = resetAfter), RNN. */
function recurrent(g: Graph, cls: string, c: Record<string, unknown>, x: string, inDim: number, get: Get, has: (l: string) => boolean, p: string, w: string): string {
  const u = c.units as number;
  const gates = cls === "LSTM" ? 4 : cls === "GRU" ? 3 : 1;
  const n = gates * u;
  if (c.goBackwards) throw new FormatError(`${w}: goBackwards is not exported to ONNX`);
  const order = cls === "LSTM" ? [0, 3, 1, 2] : Array.from({ length: gates }, (_, k) => k);
  const acts = cls === "SimpleRNN" ? [String(c.activation)] : cls === "LSTM" ? [String(c.recurrentActivation), String(c.activation), String(c.activation)] : [String(c.recurrentActivation), String(c.activation)];
  const onnxAct: Record<string, string> = { sigmoid: "Sigmoid", tanh: "Tanh", relu: "Relu", hardSigmoid: "HardSigmoid", linear: "Affine" };
  if (acts.some((a) => !onnxAct[a])) throw new FormatError(`${w}: activations ${acts.join(", ")} are not all ONNX recurrent activations`);
  const W = transpose2d(reorderBlocks(get("kernel").data, inDim, u, order), inDim, n);
  const R = transpose2d(reorderBlocks(get("recurrentKernel").data, u, u, order), u, n);
  const ins = [x, g.init(`${p}/W`, [1, n, inDim], W), g.init(`${p}/R`, [1, n, u], R)];
  if (has("bias")) {
    const b = Array.from(get("bias").data);
    const wb = cls === "GRU" && c.resetAfter ? b.slice(0, n) : b;
    const rb = cls === "GRU" && c.resetAfter ? b.slice(n) : new Array<number>(n).fill(0);
    ins.push(g.init(`${p}/B`, [1, 2 * n], [...reorderBlocks(wb, 1, u, order), ...reorderBlocks(rb, 1, u, order)]));
  }
  const attrs: OnnxAttribute[] = [int("hidden_size", u), strs("activations", acts.map((a) => onnxAct[a]!))];
  if (acts.includes("hardSigmoid")) {
    attrs.push({ name: "activation_alpha", type: AT.FLOATS, floats: acts.map((a) => (a === "hardSigmoid" ? 0.2 : a === "linear" ? 1 : 0)) });
    attrs.push({ name: "activation_beta", type: AT.FLOATS, floats: acts.map((a) => (a === "hardSigmoid" ? 0.5 : 0)) });
  }
  if (cls === "GRU") attrs.push(int("linear_before_reset", c.resetAfter ? 1 : 0));
  const seqFirst = g.op1("Transpose", [x], [ints("perm", [1, 0, 2])]);
  ins[0] = seqFirst;
  const [Y, Yh] = g.op(cls === "SimpleRNN" ? "RNN" : cls, ins, attrs, cls === "LSTM" ? 3 : 2);
  const axes = (v: number[]) => g.init(g.fresh(`${p}/axes`), [v.length], v, DT.INT64);
  if (c.returnSequences) return g.op1("Transpose", [g.op1("Squeeze", [Y!, axes([1])])], [ints("perm", [1, 0, 2])]);
  return g.op1("Squeeze", [Yh!, axes([0])]);
}
