/**
 * PyTorch's names and layouts for a Sequential model: `nn.Sequential` module indices ("0.weight"),
 * Linear weights [out, in] (the kernel transposed), Conv2d OIHW, BatchNorm running_mean/var, LSTM/GRU
 * weight_ih_l0 with PyTorch's gate order. The generated Python source takes the same NHWC input as
 * backprop and permutes to NCHW around convolutions, so the same data feeds both.
 */
import { FormatError } from "../errors.js";
import type { Shape } from "../nn/layers/layer.js";
import type { Sequential } from "../model/sequential.js";
import { channelsAxis, hwioToOihw, inverseOrder, oihwToHwio, reorderBlocks, transpose2d, window2d } from "./layout.js";
import type { NamedWeight } from "./model-io.js";

/** A tensor under its PyTorch name; I64 for BatchNorm's num_batches_tracked. */
export interface TorchTensor extends NamedWeight {
  dtype: "F32" | "I64";
}

/** How one model maps to PyTorch: the module list and, per weight, the way there and back. */
export interface TorchPlan {
  modules: string[];
  toTorch: (get: (local: string, layer: string) => ArrayLike<number>) => TorchTensor[];
  fromTorch: (get: (name: string, shape: number[]) => ArrayLike<number>) => NamedWeight[];
}

const ACTIVATIONS: Record<string, string | null> = {
  linear: null, relu: "nn.ReLU()", relu6: "nn.ReLU6()", sigmoid: "nn.Sigmoid()", tanh: "nn.Tanh()",
  softmax: "nn.Softmax(dim=-1)", logSoftmax: "nn.LogSoftmax(dim=-1)", elu: "nn.ELU()", selu: "nn.SELU()",
  leakyRelu: "nn.LeakyReLU(0.2)", hardTanh: "nn.Hardtanh()", softsign: "nn.Softsign()", softplus: "nn.Softplus()",
  swish: "nn.SiLU()", gelu: "nn.GELU()", geluApproximate: "nn.GELU(approximate='tanh')", hardSigmoid: "HardSigmoid()",
};

type Step = { forward: (get: (local: string) => ArrayLike<number>) => TorchTensor[]; back: (get: (name: string, shape: number[]) => ArrayLike<number>) => NamedWeight[] };

/** The PyTorch plan of `model` (built); a layer PyTorch cannot express is a FormatError naming it. */
export function torchPlan(model: Sequential, where: string): TorchPlan {
  const modules: string[] = [];
  const steps: { layer: string; step: Step }[] = [];
  let shape: Shape = [...model.inputShape!];
  let nchw = false;
  const outShapes = model.layerOutputShapes();
  const toNchw = (): void => {
    if (!nchw) modules.push("Permute(0, 3, 1, 2)");
    nchw = true;
  };
  const toNhwc = (): void => {
    if (nchw) modules.push("Permute(0, 2, 3, 1)");
    nchw = false;
  };
  model.layers.forEach((layer, li) => {
    const cls = (layer.constructor as { className?: string }).className ?? "";
    const c = layer.getConfig();
    const fail = (what: string): never => {
      throw new FormatError(`${where}: layer "${layer.name}" (${cls}): ${what}`);
    };
    const act = (name: unknown): void => {
      const m = ACTIVATIONS[String(name)];
      if (m === undefined) fail(`activation "${String(name)}" has no PyTorch module`);
      if (m) {
        if (String(name).endsWith("oftmax")) toNhwc();
        modules.push(m);
      }
    };
    const at = (): number => modules.length;
    const out = outShapes[li]!;
    const inDim = (i: number): number => {
      const d = shape[i];
      if (typeof d !== "number") fail(`needs a known input size on axis ${i}`);
      return d as number;
    };
    switch (cls) {
      case "Dense": {
        toNhwc();
        const [n, units, bias] = [inDim(shape.length - 1), c.units as number, c.useBias as boolean];
        const i = at();
        modules.push(`nn.Linear(${n}, ${units}, bias=${bias ? "True" : "False"})`);
        steps.push({ layer: layer.name, step: {
          forward: (get) => [{ name: `${i}.weight`, dtype: "F32", shape: [units, n], data: transpose2d(get("kernel"), n, units) }, ...(bias ? [{ name: `${i}.bias`, dtype: "F32" as const, shape: [units], data: get("bias") }] : [])],
          back: (get) => [{ name: `${layer.name}/kernel`, shape: [n, units], data: transpose2d(get(`${i}.weight`, [units, n]), units, n) }, ...(bias ? [{ name: `${layer.name}/bias`, shape: [units], data: get(`${i}.bias`, [units]) }] : [])],
        } });
        act(c.activation);
        break;
      }
      case "Conv2D": {
        const { kh, kw, sh, sw, pads: [t, b, l, r] } = window2d(c, inDim(1), inDim(2));
        const [ci, co, bias] = [inDim(3), c.filters as number, c.useBias as boolean];
        toNchw();
        if (t + b + l + r > 0) modules.push(`nn.ZeroPad2d((${l}, ${r}, ${t}, ${b}))`);
        const i = at();
        modules.push(`nn.Conv2d(${ci}, ${co}, (${kh}, ${kw}), stride=(${sh}, ${sw}), bias=${bias ? "True" : "False"})`);
        steps.push({ layer: layer.name, step: {
          forward: (get) => [{ name: `${i}.weight`, dtype: "F32", shape: [co, ci, kh, kw], data: hwioToOihw(get("kernel"), [kh, kw, ci, co]) }, ...(bias ? [{ name: `${i}.bias`, dtype: "F32" as const, shape: [co], data: get("bias") }] : [])],
          back: (get) => [{ name: `${layer.name}/kernel`, shape: [kh, kw, ci, co], data: oihwToHwio(get(`${i}.weight`, [co, ci, kh, kw]), [co, ci, kh, kw]) }, ...(bias ? [{ name: `${layer.name}/bias`, shape: [co], data: get(`${i}.bias`, [co]) }] : [])],
        } });
        act(c.activation);
        break;
      }
      case "MaxPooling2D":
      case "AveragePooling2D": {
        const { kh, kw, sh, sw, pads: [t, b, l, r] } = window2d(c, inDim(1), inDim(2));
        toNchw();
        if (t + b + l + r > 0) {
          if (cls === "AveragePooling2D") fail('"same" padding that adds pixels averages over real pixels only, which PyTorch modules do not express');
          modules.push(`nn.ConstantPad2d((${l}, ${r}, ${t}, ${b}), float("-inf"))`);
        }
        modules.push(`nn.${cls === "MaxPooling2D" ? "MaxPool2d" : "AvgPool2d"}((${kh}, ${kw}), stride=(${sh}, ${sw}))`);
        break;
      }
      case "Flatten":
        toNhwc();
        modules.push("nn.Flatten()");
        break;
      case "Reshape":
        toNhwc();
        modules.push(`Reshape(${(c.targetShape as number[]).join(", ")})`);
        break;
      case "Dropout":
        modules.push(`nn.Dropout(${Number(c.rate)})`);
        break;
      case "Activation":
        act(c.activation);
        break;
      case "BatchNormalization": {
        const axis = channelsAxis(c, shape.length) ?? fail("PyTorch's BatchNorm1d/2d take the channels of rank-2 or rank-4 inputs only");
        if (c.center !== c.scale) fail("center and scale must be both on or both off for PyTorch's affine flag");
        const ch = inDim(axis);
        const rank = shape.length;
        if (rank === 4) toNchw();
        const i = at();
        const affine = c.center as boolean;
        modules.push(`nn.BatchNorm${rank === 4 ? "2d" : "1d"}(${ch}, eps=${Number(c.epsilon)}, momentum=${1 - Number(c.momentum)}${affine ? "" : ", affine=False"})`);
        const names: [string, string][] = [...(affine ? ([["gamma", "weight"], ["beta", "bias"]] as [string, string][]) : []), ["movingMean", "running_mean"], ["movingVariance", "running_var"]];
        steps.push({ layer: layer.name, step: {
          forward: (get) => [...names.map(([ours, theirs]) => ({ name: `${i}.${theirs}`, dtype: "F32" as const, shape: [ch], data: get(ours) })), { name: `${i}.num_batches_tracked`, dtype: "I64", shape: [], data: [0] }],
          back: (get) => names.map(([ours, theirs]) => ({ name: `${layer.name}/${ours}`, shape: [ch], data: get(`${i}.${theirs}`, [ch]) })),
        } });
        break;
      }
      case "LSTM":
      case "GRU":
      case "SimpleRNN":
        steps.push({ layer: layer.name, step: recurrent(cls, c, inDim(2), at(), layer.name, fail) });
        modules.push(rnnModule(cls, c, inDim(2)), `LastStep(${c.returnSequences ? "True" : "False"})`);
        break;
      case "Embedding": {
        const [n, d] = [c.inputDim as number, c.outputDim as number];
        const i = at();
        modules.push(`nn.Embedding(${n}, ${d})`);
        steps.push({ layer: layer.name, step: {
          forward: (get) => [{ name: `${i}.weight`, dtype: "F32", shape: [n, d], data: get("embeddings") }],
          back: (get) => [{ name: `${layer.name}/embeddings`, shape: [n, d], data: get(`${i}.weight`, [n, d]) }],
        } });
        break;
      }
      default:
        fail("has no PyTorch counterpart here");
    }
    shape = out;
  });
  if (nchw) modules.push("Permute(0, 2, 3, 1)");
  return {
    modules,
    toTorch: (get) => steps.flatMap(({ layer, step }) => step.forward((local) => get(local, layer))),
    fromTorch: (get) => steps.flatMap(({ step }) => step.back(get)),
  };
}

function rnnModule(cls: string, c: Record<string, unknown>, inDim: number): string {
  const bias = c.useBias ? "True" : "False";
  if (cls === "SimpleRNN") return `nn.RNN(${inDim}, ${String(c.units)}, nonlinearity="${String(c.activation)}", bias=${bias}, batch_first=True)`;
  return `nn.${cls}(${inDim}, ${String(c.units)}, bias=${bias}, batch_first=True)`;
}

/** Keras gate blocks → PyTorch's: LSTM i,f,c,o is the same; GRU z,r,h becomes r,z,n. */
function recurrent(cls: string, c: Record<string, unknown>, inDim: number, i: number, layer: string, fail: (w: string) => never): Step {
  const u = c.units as number;
  const g = cls === "LSTM" ? 4 : cls === "GRU" ? 3 : 1;
  if (c.goBackwards) fail("goBackwards has no PyTorch equivalent in nn.Sequential");
  if (cls === "SimpleRNN" && c.activation !== "tanh" && c.activation !== "relu") fail(`PyTorch's RNN takes tanh or relu, not ${String(c.activation)}`);
  if (cls !== "SimpleRNN" && (c.activation !== "tanh" || c.recurrentActivation !== "sigmoid")) fail("PyTorch's LSTM/GRU use tanh and sigmoid only");
  if (cls === "GRU" && c.resetAfter !== true) fail("PyTorch's GRU applies the reset gate after the product (resetAfter: true)");
  const order = cls === "GRU" ? [1, 0, 2] : Array.from({ length: g }, (_, k) => k);
  const inv = inverseOrder(order);
  const bias = c.useBias as boolean;
  const n = g * u;
  const p = (s: string): string => `${i}.${s}`;
  return {
    forward: (get) => {
      const out: TorchTensor[] = [
        { name: p("weight_ih_l0"), dtype: "F32", shape: [n, inDim], data: transpose2d(reorderBlocks(get("kernel"), inDim, u, order), inDim, n) },
        { name: p("weight_hh_l0"), dtype: "F32", shape: [n, u], data: transpose2d(reorderBlocks(get("recurrentKernel"), u, u, order), u, n) },
      ];
      if (bias) {
        const b = get("bias");
        const ih = cls === "GRU" ? Array.from(b).slice(0, n) : Array.from(b);
        const hh = cls === "GRU" ? Array.from(b).slice(n) : new Array<number>(n).fill(0);
        out.push({ name: p("bias_ih_l0"), dtype: "F32", shape: [n], data: reorderBlocks(ih, 1, u, order) }, { name: p("bias_hh_l0"), dtype: "F32", shape: [n], data: reorderBlocks(hh, 1, u, order) });
      }
      return out;
    },
    back: (get) => {
      const out: NamedWeight[] = [
        { name: `${layer}/kernel`, shape: [inDim, n], data: reorderBlocks(transpose2d(get(p("weight_ih_l0"), [n, inDim]), n, inDim), inDim, u, inv) },
        { name: `${layer}/recurrentKernel`, shape: [u, n], data: reorderBlocks(transpose2d(get(p("weight_hh_l0"), [n, u]), n, u), u, u, inv) },
      ];
      if (bias) {
        const ih = reorderBlocks(get(p("bias_ih_l0"), [n]), 1, u, inv);
        const hh = reorderBlocks(get(p("bias_hh_l0"), [n]), 1, u, inv);
        if (cls === "GRU") out.push({ name: `${layer}/bias`, shape: [2, n], data: [...ih, ...hh] });
        else out.push({ name: `${layer}/bias`, shape: [n], data: ih.map((v, k) => v + hh[k]!) });
      }
      return out;
    },
  };
}

/** Python source defining `build_model()` → the nn.Sequential that takes the saved state dict. */
export function torchSource(plan: TorchPlan, modelName: string): string {
  return `"""PyTorch module for the backprop model "${modelName}" (generated by backprop).

Input: the same layout as in backprop (NHWC images, [batch, time, features] sequences).
    model = build_model()
    model.load_state_dict(state_dict)   # from the .safetensors file written with it
"""
import torch
from torch import nn


class Permute(nn.Module):
    def __init__(self, *dims):
        super().__init__()
        self.dims = dims

    def forward(self, x):
        return x.permute(*self.dims)


class Reshape(nn.Module):
    def __init__(self, *shape):
        super().__init__()
        self.shape = shape

    def forward(self, x):
        return x.reshape(x.shape[0], *self.shape)


class LastStep(nn.Module):
    """nn.LSTM/GRU/RNN return (outputs, state); Keras layers return the last step unless return_sequences."""

    def __init__(self, sequences):
        super().__init__()
        self.sequences = sequences

    def forward(self, out):
        y = out[0]
        return y if self.sequences else y[:, -1]


class HardSigmoid(nn.Module):
    """clip(0.2 x + 0.5, 0, 1), as backprop and TensorFlow.js define it."""

    def forward(self, x):
        return torch.clamp(0.2 * x + 0.5, 0.0, 1.0)


def build_model():
    return nn.Sequential(
${plan.modules.map((m) => `        ${m},`).join("\n")}
    )
`;
}
