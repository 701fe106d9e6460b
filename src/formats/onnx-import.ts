/**
 * ONNX import: walks the graph from its input along the chain of nodes and rebuilds a Sequential model
 * (weights are found by following the graph, not by name: PyTorch's exporter renames and folds them).
 * NCHW graphs take NHWC input in backprop; a flatten of NCHW data permutes the next dense kernel's rows.
 * Anything outside the exported op set is a FormatError naming the node and op.
 */
import { FormatError } from "../errors.js";
import type { Sequential } from "../model/sequential.js";
import { inverseOrder, oihwToHwio, reorderBlocks, samePadding, transpose2d } from "./layout.js";
import { modelFromConfig, type NamedWeight, withWeights } from "./model-io.js";
import { decodeOnnx, type OnnxNode } from "./onnx-proto.js";
import { compositeActivation, ELEMENTWISE } from "./onnx-composite.js";
import { attr, graphConstants, tensorValues, type Const } from "./onnx-tensors.js";

export const MAX_OPSET = 21;

interface Built {
  className: string;
  config: Record<string, unknown>;
  weights: { local: string; shape: number[]; data: ArrayLike<number> }[];
}

const ACT: Record<string, string> = { Relu: "relu", Sigmoid: "sigmoid", Tanh: "tanh", Selu: "selu", Softplus: "softplus", Softsign: "softsign" };
const RNN_ACT: Record<string, string> = { Sigmoid: "sigmoid", Tanh: "tanh", Relu: "relu", HardSigmoid: "hardSigmoid" };

/** Rebuilds the model in an ONNX file. */
export function modelFromOnnx(bytes: Uint8Array, where: string): Promise<Sequential> {
  const onnx = decodeOnnx(bytes, where);
  const opset = onnx.opsetImport.find((o) => (o.domain ?? "") === "" || o.domain === "ai.onnx")?.version ?? 0;
  if (opset > MAX_OPSET) throw new FormatError(`${where}: opset ${opset} is newer than backprop reads (up to ${MAX_OPSET})`);
  if (onnx.irVersion > 10) throw new FormatError(`${where}: IR version ${onnx.irVersion} is newer than backprop reads (up to 10)`);
  const g = onnx.graph;
  const consts = graphConstants(g, where);
  const inputs = g.input.filter((i) => !consts.has(i.name));
  if (inputs.length !== 1 || g.output.length !== 1) throw new FormatError(`${where}: a Sequential model has one input and one output; the graph has ${inputs.length} and ${g.output.length}`);
  const input = inputs[0]!;
  const dims = (input.type?.tensorType?.shape?.dim ?? []).map((d) => (d.dimValue !== undefined && d.dimValue > 0 ? d.dimValue : null));
  if (dims.length < 2 || dims.slice(1).some((d) => d === null)) throw new FormatError(`${where}: input "${input.name}" must have a batch axis and known sizes, got [${dims.map((d) => d ?? "?").join(",")}]`);
  const names = new Set<string>();
  for (const n of g.node) for (const o of n.output) {
    if (o !== "" && names.has(o)) throw new FormatError(`${where}: tensor "${o}" is produced twice`);
    names.add(o);
  }
  const walker = new Walker(g.node.filter((n) => n.opType !== "Constant"), consts, where, g.output[0]!.name);
  const layers = walker.walk(input.name, dims as (number | null)[], g.output[0]!.name);
  const config = { name: g.name || "onnx_model", layers: layers.map((l) => ({ className: l.className, config: l.config })), inputShape: walker.inputShape };
  const model = modelFromConfig(config, where);
  const weights: NamedWeight[] = layers.flatMap((l) => l.weights.map((w) => ({ name: `${String(l.config.name)}/${w.local}`, shape: w.shape, data: w.data })));
  return withWeights(model, () => weights, where);
}

class Walker {
  private readonly consumers = new Map<string, OnnxNode[]>();
  layers: Built[] = [];
  inputShape: (number | null)[] = [];
  /** Our (NHWC) shape of the current tensor. */
  private shape: (number | null)[] = [];
  private nchw = false;
  private seqFirst = false;
  /** Set by a flatten of NCHW data: [h, w, c] for permuting the next dense kernel's rows. */
  private pendingFlatten: [number, number, number] | null = null;
  private count = 0;

  /** The nodes on the way from input to output, in graph order. */
  private readonly chain: OnnxNode[];
  /** Zero tensors PyTorch computes from the input's shape (Shape → … → ConstantOfShape) for recurrent initial states. */
  private readonly zeroStates = new Set<string>();

  constructor(order: OnnxNode[], private readonly consts: Map<string, Const>, private readonly where: string, output: string) {
    // nodes that only compute shapes are not part of the chain
    const shapeOnly = new Set<string>();
    const nodes = order.filter((n) => {
      const live = n.input.filter((i) => i !== "" && !consts.has(i));
      const derived = n.opType === "Shape" || (live.length > 0 && live.every((i) => shapeOnly.has(i)));
      if (!derived) return true;
      const zero = n.opType === "ConstantOfShape" && [...(attr(n, "value")?.t ? tensorValues(attr(n, "value")!.t!, where).data : [0])].every((v) => v === 0);
      for (const o of n.output) (zero ? this.zeroStates : shapeOnly).add(o);
      return false;
    });
    // nodes whose results nothing uses (left behind by the exporter) are dropped too
    const used = new Set([output]);
    const kept = [...nodes].reverse().filter((n) => {
      if (!n.output.some((o) => used.has(o))) return false;
      for (const i of n.input) used.add(i);
      return true;
    });
    this.chain = kept.reverse();
    for (const n of this.chain) for (const i of n.input) if (i !== "" && !consts.has(i) && !shapeOnly.has(i)) this.consumers.set(i, [...(this.consumers.get(i) ?? []), n]);
  }

  private fail(node: OnnxNode, what: string): never {
    throw new FormatError(`${this.where}: node "${node.name ?? ""}" (${node.opType}): ${what}`);
  }

  private constOf(node: OnnxNode, i: number): Const {
    const c = this.consts.get(node.input[i] ?? "");
    if (!c) this.fail(node, `input ${i} ("${node.input[i] ?? ""}") must be a constant`);
    return c as Const;
  }

  private add(className: string, config: Record<string, unknown>, weights: Built["weights"] = []): Built {
    const b = { className, config: { name: `${className.toLowerCase()}_${this.count++}`, ...config }, weights };
    this.layers.push(b);
    return b;
  }

  walk(inputName: string, dims: (number | null)[], outputName: string): Built[] {
    let cur = inputName;
    const first = this.consumers.get(cur)?.[0];
    const rank4 = dims.length === 4;
    if (rank4 && ["Conv", "MaxPool", "AveragePool", "BatchNormalization"].includes(first?.opType ?? "")) {
      // an NCHW graph (PyTorch's convention): backprop feeds it NHWC
      this.inputShape = [dims[0]!, dims[2]!, dims[3]!, dims[1]!];
      this.nchw = true;
    } else this.inputShape = [...dims];
    this.shape = [...this.inputShape];
    for (let steps = 0; cur !== outputName; steps++) {
      const next = this.consumers.get(cur) ?? [];
      if (next.length === 0) throw new FormatError(`${this.where}: tensor "${cur}" is used by no node and is not the graph output`);
      if (steps > 100_000) throw new FormatError(`${this.where}: the graph does not reach its output`);
      cur = next.length === 1 ? this.step(next[0]!, cur) : this.composite(cur);
    }
    if (this.nchw && this.shape.length === 4) throw new FormatError(`${this.where}: the graph ends in NCHW layout; backprop's output would be NHWC`);
    return this.layers;
  }

  /**
   * A branching elementwise subgraph from x (swish is x·sigmoid(x), gelu a dozen nodes): found by
   * following x's descendants until they meet in one tensor, then named by evaluating it on probe values.
   */
  private composite(x: string): string {
    const live = new Set([x]);
    const pending = new Map<string, number>([[x, this.consumers.get(x)?.length ?? 0]]);
    const sub: OnnxNode[] = [];
    for (const node of this.chain) {
      const uses = node.input.filter((i) => live.has(i));
      if (uses.length === 0) continue;
      if (!ELEMENTWISE[node.opType]) this.fail(node, `tensor "${x}" branches into a subgraph that is not elementwise`);
      sub.push(node);
      for (const i of new Set(uses)) pending.set(i, pending.get(i)! - node.input.filter((j) => j === i).length);
      const out = node.output[0]!;
      live.add(out);
      pending.set(out, this.consumers.get(out)?.length ?? 0);
      const open = [...pending.entries()].filter(([, n]) => n > 0);
      if (open.length === 0 || (open.length === 1 && open[0]![0] === out)) {
        this.activation(compositeActivation(sub, x, out, this.consts, this.where));
        return out;
      }
      if (sub.length > 64) break;
    }
    throw new FormatError(`${this.where}: tensor "${x}" feeds several nodes that never meet again; only chains are Sequential models`);
  }

  /** Attaches an activation to the previous dense/conv layer when it has none, else adds an Activation layer. */
  private activation(name: string): void {
    const last = this.layers[this.layers.length - 1];
    if (last && (last.className === "Dense" || last.className === "Conv2D") && last.config.activation === "linear") last.config.activation = name;
    else this.add("Activation", { activation: name });
  }

  private step(node: OnnxNode, x: string): string {
    const op = node.opType;
    const out = node.output[0]!;
    const a = (n: string) => attr(node, n);
    if (node.domain && node.domain !== "" && node.domain !== "ai.onnx") this.fail(node, `domain "${node.domain}" is not supported`);
    if (node.input[0] !== x && op !== "Gather" && op !== "MatMul") this.fail(node, `expected "${x}" as its first input`);
    switch (op) {
      case "Identity":
      case "Dropout":
        return out;
      case "Transpose": {
        const perm = (a("perm")?.ints ?? []).join();
        if (perm === "0,3,1,2" && !this.nchw) this.nchw = true;
        else if (perm === "0,2,3,1" && this.nchw) this.nchw = false;
        else if (perm === "1,0,2" && this.shape.length === 3) this.seqFirst = !this.seqFirst;
        else this.fail(node, `permutation [${perm}] is not a layout change backprop models`);
        return out;
      }
      case "MatMul":
      case "Gemm":
        return this.dense(node, x);
      case "Conv":
        return this.conv(node);
      case "MaxPool":
      case "AveragePool":
        return this.pool(node);
      case "Flatten":
      case "Reshape":
        return this.reshape(node);
      case "BatchNormalization":
        return this.batchNorm(node);
      case "LSTM":
      case "GRU":
      case "RNN":
        return this.recurrent(node);
      case "Gather":
        return node.input[0] === x ? this.lastStep(node) : this.embedding(node, x);
      case "Softmax":
      case "LogSoftmax": {
        const axis = a("axis")?.i ?? -1;
        if ((axis !== -1 && axis !== this.shape.length - 1) || (this.nchw && this.shape.length === 4)) this.fail(node, "only the last (channels) axis is supported");
        this.activation(op === "Softmax" ? "softmax" : "logSoftmax");
        return out;
      }
      case "LeakyRelu":
      case "Elu":
      case "HardSigmoid": {
        const alpha = a("alpha")?.f ?? (op === "LeakyRelu" ? 0.01 : op === "Elu" ? 1 : 0.2);
        const beta = a("beta")?.f ?? 0.5;
        const ok = op === "LeakyRelu" ? Math.abs(alpha - 0.2) < 1e-6 : op === "Elu" ? alpha === 1 : Math.abs(alpha - 0.2) < 1e-6 && beta === 0.5;
        if (!ok) this.fail(node, `alpha ${alpha} differs from backprop's ${op === "Elu" ? 1 : 0.2}`);
        this.activation(op === "LeakyRelu" ? "leakyRelu" : op === "Elu" ? "elu" : "hardSigmoid");
        return out;
      }
      case "Gelu": {
        // opset 20: approximate "none" (the exact form) or "tanh"
        const how = a("approximate")?.s;
        const form = how ? new TextDecoder().decode(how) : "none";
        if (form !== "none" && form !== "tanh") this.fail(node, `approximate "${form}" is neither "none" nor "tanh"`);
        this.activation(form === "tanh" ? "geluApproximate" : "gelu");
        return out;
      }
      case "Clip": {
        const lo = node.input[1] ? this.constOf(node, 1).data[0] : a("min")?.f;
        const hi = node.input[2] ? this.constOf(node, 2).data[0] : a("max")?.f;
        if (lo === 0 && hi === 6) this.activation("relu6");
        else if (lo === -1 && hi === 1) this.activation("hardTanh");
        else this.fail(node, `clip to [${lo}, ${hi}] is not an activation backprop has (relu6, hardTanh)`);
        return out;
      }
      default:
        if (ACT[op]) {
          this.activation(ACT[op]);
          return out;
        }
        return this.fail(node, "this op is not supported (backprop reads the ops its ONNX export writes)");
    }
  }

  private dense(node: OnnxNode, x: string): string {
    let next = node.output[0]!;
    const other = node.input[0] === x ? 1 : 0;
    if (node.opType === "MatMul" && other !== 1) this.fail(node, "the weight must be the second input");
    if (this.nchw && this.shape.length === 4) this.fail(node, "a dense product over NCHW data is not supported");
    const w = this.constOf(node, other);
    if (w.dims.length !== 2) this.fail(node, `weight must be 2-D, got [${w.dims.join(",")}]`);
    const transB = node.opType === "Gemm" && (attr(node, "transB")?.i ?? 0) === 1;
    if (node.opType === "Gemm" && ((attr(node, "transA")?.i ?? 0) !== 0 || (attr(node, "alpha")?.f ?? 1) !== 1 || (attr(node, "beta")?.f ?? 1) !== 1)) this.fail(node, "transA, alpha and beta must be defaults");
    let [inDim, units] = w.dims as [number, number];
    let kernel: ArrayLike<number> = w.data;
    if (transB) {
      kernel = transpose2d(w.data, inDim, units);
      [inDim, units] = [units, inDim];
    }
    if (this.pendingFlatten) {
      // rows in (c, h, w) order → (h, w, c)
      const [h, ww, c] = this.pendingFlatten;
      const src = kernel;
      const out = new Float32Array(inDim * units);
      for (let ci = 0; ci < c; ci++) for (let hi = 0; hi < h; hi++) for (let wi = 0; wi < ww; wi++) out.set(Array.prototype.slice.call(src, ((ci * h + hi) * ww + wi) * units, ((ci * h + hi) * ww + wi + 1) * units) as number[], ((hi * ww + wi) * c + ci) * units);
      kernel = out;
      this.pendingFlatten = null;
    }
    if (this.shape[this.shape.length - 1] !== inDim) this.fail(node, `weight [${w.dims.join(",")}] does not fit input of shape [${this.shape.join(",")}]`);
    let bias: Const | undefined;
    if (node.opType === "Gemm" && node.input[2]) bias = this.constOf(node, 2);
    const after = this.consumers.get(next) ?? [];
    if (!bias && after.length === 1 && after[0]!.opType === "Add") {
      const add = after[0]!;
      const bi = add.input[0] === next ? 1 : 0;
      const c = this.consts.get(add.input[bi] ?? "");
      if (c && c.data.length === units) {
        bias = c;
        next = add.output[0]!;
      }
    }
    if (bias && bias.data.length !== units) this.fail(node, `bias has ${bias.data.length} values for ${units} units`);
    const weights = [{ local: "kernel", shape: [inDim, units], data: kernel }];
    if (bias) weights.push({ local: "bias", shape: [units], data: bias.data });
    this.add("Dense", { units, activation: "linear", useBias: bias !== undefined }, weights);
    this.shape = [...this.shape.slice(0, -1), units];
    return next;
  }

  private spatial(node: OnnxNode, k: [number, number], s: [number, number]): "valid" | "same" {
    const pads = attr(node, "pads")?.ints ?? [0, 0, 0, 0];
    const auto = new TextDecoder().decode(attr(node, "auto_pad")?.s ?? new Uint8Array());
    if ((attr(node, "dilations")?.ints ?? [1, 1]).some((d) => d !== 1)) this.fail(node, "dilations other than 1 are not supported");
    if ((attr(node, "ceil_mode")?.i ?? 0) !== 0) this.fail(node, "ceil_mode is not supported");
    const [h, w] = [this.shape[1], this.shape[2]];
    if (typeof h !== "number" || typeof w !== "number") this.fail(node, "needs known spatial sizes");
    if (auto === "SAME_UPPER") return "same";
    if (auto !== "" && auto !== "NOTSET" && auto !== "VALID") this.fail(node, `auto_pad ${auto} is not supported`);
    if (pads.every((p) => p === 0)) return "valid";
    const [t, b, l, r] = samePadding(true, h as number, w as number, k[0], k[1], s[0], s[1]);
    if (pads.join() === [t, l, b, r].join()) return "same";
    return this.fail(node, `pads [${pads.join(",")}] are neither "valid" nor TensorFlow's "same"`);
  }

  private outSize(n: number | null, k: number, s: number, pad: "valid" | "same"): number | null {
    return n === null ? null : pad === "same" ? Math.ceil(n / s) : Math.floor((n - k) / s) + 1;
  }

  private conv(node: OnnxNode): string {
    if (!this.nchw || this.shape.length !== 4) this.fail(node, "expected NCHW input");
    if ((attr(node, "group")?.i ?? 1) !== 1) this.fail(node, "grouped convolutions are not supported");
    const w = this.constOf(node, 1);
    if (w.dims.length !== 4 || w.dims[1] !== this.shape[3]) this.fail(node, `weight [${w.dims.join(",")}] does not fit ${this.shape[3]} input channels`);
    const [co, ci, kh, kw] = w.dims as [number, number, number, number];
    const st = (attr(node, "strides")?.ints ?? [1, 1]) as [number, number];
    const padding = this.spatial(node, [kh, kw], st);
    const weights: Built["weights"] = [{ local: "kernel", shape: [kh, kw, ci, co], data: oihwToHwio(w.data, w.dims) }];
    if (node.input[2]) weights.push({ local: "bias", shape: [co], data: this.constOf(node, 2).data });
    this.add("Conv2D", { filters: co, kernelSize: [kh, kw], strides: st, padding, activation: "linear", useBias: weights.length === 2 }, weights);
    this.shape = [this.shape[0]!, this.outSize(this.shape[1]!, kh, st[0], padding), this.outSize(this.shape[2]!, kw, st[1], padding), co];
    return node.output[0]!;
  }

  private pool(node: OnnxNode): string {
    if (!this.nchw || this.shape.length !== 4) this.fail(node, "expected NCHW input");
    const k = (attr(node, "kernel_shape")?.ints ?? []) as [number, number];
    if (k.length !== 2) this.fail(node, "kernel_shape must have two sizes");
    const st = (attr(node, "strides")?.ints ?? [1, 1]) as [number, number];
    const padding = this.spatial(node, k, st);
    if (node.opType === "AveragePool" && padding === "same" && (attr(node, "count_include_pad")?.i ?? 0) !== 0) this.fail(node, "count_include_pad differs from backprop's average over real pixels");
    this.add(node.opType === "MaxPool" ? "MaxPooling2D" : "AveragePooling2D", { poolSize: k, strides: st, padding });
    this.shape = [this.shape[0]!, this.outSize(this.shape[1]!, k[0], st[0], padding), this.outSize(this.shape[2]!, k[1], st[1], padding), this.shape[3]!];
    return node.output[0]!;
  }

  private reshape(node: OnnxNode): string {
    const rest = this.shape.slice(1) as number[];
    const size = rest.reduce((a, b) => a * b, 1);
    let target: number[];
    if (node.opType === "Flatten") {
      if ((attr(node, "axis")?.i ?? 1) !== 1) this.fail(node, "only axis 1 is supported");
      target = [size];
    } else {
      const s = Array.from(this.constOf(node, 1).data).slice(1);
      const known = s.filter((d) => d > 0).reduce((a, b) => a * b, 1);
      target = s.map((d) => (d === -1 ? size / known : d));
      if (target.some((d) => !Number.isInteger(d) || d <= 0) || target.reduce((a, b) => a * b, 1) !== size) this.fail(node, `target shape [${s.join(",")}] does not fit [${rest.join(",")}]`);
    }
    if (target.length === 1 && this.nchw && this.shape.length === 4) {
      const [, h, w, c] = this.shape as number[];
      if (c !== 1 && (h !== 1 || w !== 1)) this.pendingFlatten = [h!, w!, c!];
      this.nchw = false;
    } else if (this.nchw) this.fail(node, "reshaping NCHW data to a shape other than [batch, features] is not supported");
    if (target.length === 1 && this.shape.length > 2) this.add("Flatten", {});
    else if (target.length !== 1 || this.shape.length !== 2) this.add("Reshape", { targetShape: target });
    this.shape = [this.shape[0]!, ...target];
    return node.output[0]!;
  }

  private batchNorm(node: OnnxNode): string {
    const rank = this.shape.length;
    if (rank === 4 && !this.nchw) this.fail(node, "expected NCHW input (channels on axis 1)");
    const c = this.shape[rank - 1] as number;
    const vals = [1, 2, 3, 4].map((i) => this.constOf(node, i));
    if (vals.some((v) => v.data.length !== c)) this.fail(node, `parameters must have ${c} values`);
    const [gamma, beta, mean, variance] = vals as [Const, Const, Const, Const];
    const eps = attr(node, "epsilon")?.f ?? 1e-5;
    this.add("BatchNormalization", { axis: -1, epsilon: eps, momentum: attr(node, "momentum")?.f ?? 0.9 }, [
      { local: "gamma", shape: [c], data: gamma.data }, { local: "beta", shape: [c], data: beta.data },
      { local: "movingMean", shape: [c], data: mean.data }, { local: "movingVariance", shape: [c], data: variance.data },
    ]);
    return node.output[0]!;
  }

  /** Gather(index -1) over the time axis after a recurrent layer's full sequence: its last step (PyTorch's y[:, -1]). */
  private lastStep(node: OnnxNode): string {
    const last = this.layers[this.layers.length - 1];
    const idx = this.constOf(node, 1);
    const axis = attr(node, "axis")?.i ?? 0;
    const time = this.shape[1];
    const ok = last && ["LSTM", "GRU", "SimpleRNN"].includes(last.className) && last.config.returnSequences === true && this.shape.length === 3 &&
      idx.dims.length === 0 && (idx.data[0] === -1 || idx.data[0] === (time ?? 0) - 1) && axis === (this.seqFirst ? 0 : 1);
    if (!ok) this.fail(node, "only the last time step of a recurrent layer's output can be gathered");
    last!.config.returnSequences = false;
    this.shape = [this.shape[0]!, this.shape[2]!];
    this.seqFirst = false;
    return node.output[0]!;
  }

  private embedding(node: OnnxNode, x: string): string {
    if (node.input[1] !== x || this.layers.length > 0) this.fail(node, "only a first-layer embedding lookup Gather(table, input) is supported");
    const w = this.constOf(node, 0);
    if (w.dims.length !== 2 || (attr(node, "axis")?.i ?? 0) !== 0) this.fail(node, "the table must be 2-D, gathered on axis 0");
    const [n, d] = w.dims as [number, number];
    this.add("Embedding", { inputDim: n, outputDim: d }, [{ local: "embeddings", shape: [n, d], data: w.data }]);
    this.shape = [...this.shape, d];
    return node.output[0]!;
  }

  private recurrent(node: OnnxNode): string {
    if (!this.seqFirst || this.shape.length !== 3) this.fail(node, "expected a [batch, time, features] input transposed to time-major");
    if (node.input.slice(4).some((i, k) => i !== "" && !(k > 0 && this.zeroStates.has(i)))) this.fail(node, "sequence lengths and non-zero initial states are not supported");
    const cls = node.opType === "RNN" ? "SimpleRNN" : node.opType;
    const u = attr(node, "hidden_size")?.i ?? 0;
    const gates = cls === "LSTM" ? 4 : cls === "GRU" ? 3 : 1;
    const inDim = this.shape[2] as number;
    const n = gates * u;
    const dir = new TextDecoder().decode(attr(node, "direction")?.s ?? new TextEncoder().encode("forward"));
    if (dir !== "forward") this.fail(node, `direction ${dir} is not supported`);
    const acts = (attr(node, "activations") as { strings?: Uint8Array[] } | undefined)?.strings?.map((s) => new TextDecoder().decode(s)) ?? (cls === "SimpleRNN" ? ["Tanh"] : cls === "LSTM" ? ["Sigmoid", "Tanh", "Tanh"] : ["Sigmoid", "Tanh"]);
    const mapped = acts.map((s) => RNN_ACT[s] ?? this.fail(node, `activation ${s} is not supported`));
    if (cls === "LSTM" && mapped[1] !== mapped[2]) this.fail(node, "the cell and output activations must be equal");
    const W = this.constOf(node, 1);
    const R = this.constOf(node, 2);
    if (W.dims.join() !== [1, n, inDim].join() || R.dims.join() !== [1, n, u].join()) this.fail(node, `weights [${W.dims.join(",")}] and [${R.dims.join(",")}] do not fit hidden_size ${u} and ${inDim} features`);
    const order = cls === "LSTM" ? [0, 3, 1, 2] : Array.from({ length: gates }, (_, k) => k);
    const inv = inverseOrder(order);
    const weights: Built["weights"] = [
      { local: "kernel", shape: [inDim, n], data: reorderBlocks(transpose2d(W.data, n, inDim), inDim, u, inv) },
      { local: "recurrentKernel", shape: [u, n], data: reorderBlocks(transpose2d(R.data, n, u), u, u, inv) },
    ];
    const resetAfter = cls === "GRU" && (attr(node, "linear_before_reset")?.i ?? 0) === 1;
    const useBias = node.input[3] !== undefined && node.input[3] !== "";
    if (useBias) {
      const B = this.constOf(node, 3);
      if (B.data.length !== 2 * n) this.fail(node, `bias has ${B.data.length} values, expected ${2 * n}`);
      const wb = reorderBlocks(B.data.subarray(0, n), 1, u, inv);
      const rb = reorderBlocks(B.data.subarray(n), 1, u, inv);
      weights.push(resetAfter ? { local: "bias", shape: [2, n], data: [...wb, ...rb] } : { local: "bias", shape: [n], data: wb.map((v, k) => v + rb[k]!) });
    }
    const config: Record<string, unknown> = { units: u, useBias, activation: mapped[cls === "SimpleRNN" ? 0 : 1] };
    if (cls !== "SimpleRNN") config.recurrentActivation = mapped[0];
    if (cls === "GRU") config.resetAfter = resetAfter;
    if (cls === "LSTM") config.unitForgetBias = false;
    // which output goes on: Y (all steps, then Squeeze axis 1 and back to batch-major) or Y_h (last step, Squeeze axis 0)
    const [Y, Yh] = node.output;
    const yUsers = Y ? (this.consumers.get(Y) ?? []) : [];
    const hUsers = Yh ? (this.consumers.get(Yh) ?? []) : [];
    const squeeze = (yUsers.length === 1 ? yUsers : hUsers)[0];
    const sequences = yUsers.length === 1;
    if (!squeeze || yUsers.length + hUsers.length !== 1 || squeeze.opType !== "Squeeze") this.fail(node, "expected one of its outputs to be squeezed");
    const axes = squeeze!.input[1] ? Array.from(this.constOf(squeeze!, 1).data) : (attr(squeeze!, "axes")?.ints ?? []);
    if (axes.join() !== (sequences ? "1" : "0")) this.fail(squeeze!, `unexpected axes [${axes.join(",")}]`);
    this.add(cls, { ...config, returnSequences: sequences }, weights);
    this.shape = sequences ? [this.shape[0]!, this.shape[1]!, u] : [this.shape[0]!, u];
    this.seqFirst = sequences;
    return squeeze!.output[0]!;
  }
}
