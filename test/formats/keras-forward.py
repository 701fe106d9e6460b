"""An independent forward pass of a Keras 3 .keras Sequential model in numpy, for checking backprop's reader.

Usage: keras-forward.py FILE.keras OUT.json [BATCH]. Reads config.json and model.weights.h5 with zipfile and
h5py only, finds each layer's variables by the `name` attribute Keras (3.6 and later) puts on every `vars`
group, or else by Keras's own path rule (a per-class counter of snake_case class names), runs a seeded random
batch through the layers as Keras 3 computes them, and writes {"input", "shape", "output", "lookup"} as JSON.
"""
import io
import json
import os
import re
import sys
import zipfile

import h5py
import numpy as np


def snake(name):
    name = re.sub(r"\W+", "", name)
    name = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub("([a-z])([A-Z])", r"\1_\2", name).lower()


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


ACTS = {
    "linear": lambda x: x, None: lambda x: x, "relu": lambda x: np.maximum(x, 0), "relu6": lambda x: np.clip(x, 0, 6),
    "sigmoid": sigmoid, "tanh": np.tanh, "softplus": lambda x: np.logaddexp(0, x), "softsign": lambda x: x / (1 + np.abs(x)),
    "elu": lambda x: np.where(x > 0, x, np.expm1(np.minimum(x, 0))), "swish": lambda x: x * sigmoid(x), "silu": lambda x: x * sigmoid(x),
    "selu": lambda x: 1.0507009873554805 * np.where(x > 0, x, 1.6732632423543772 * np.expm1(np.minimum(x, 0))),
    "leaky_relu": lambda x: np.where(x > 0, x, 0.2 * x), "hard_sigmoid": lambda x: np.clip(x / 6 + 0.5, 0, 1),
    "softmax": lambda x: np.exp(x - x.max(-1, keepdims=True)) / np.exp(x - x.max(-1, keepdims=True)).sum(-1, keepdims=True),
}


def same_pad(size, k, s, d=1):
    eff = (k - 1) * d + 1
    total = max((-(-size // s) - 1) * s + eff - size, 0)
    return total // 2, total - total // 2


def conv2d(x, w, b, c):
    (sh, sw), (dh, dw), (kh, kw) = c["strides"], c["dilation_rate"], w.shape[:2]
    if c["padding"] == "same":
        x = np.pad(x, [(0, 0), same_pad(x.shape[1], kh, sh, dh), same_pad(x.shape[2], kw, sw, dw), (0, 0)])
    oh, ow = (x.shape[1] - (kh - 1) * dh - 1) // sh + 1, (x.shape[2] - (kw - 1) * dw - 1) // sw + 1
    y = np.zeros((x.shape[0], oh, ow, w.shape[3]), np.float64)
    for i in range(kh):
        for j in range(kw):
            patch = x[:, i * dh : i * dh + (oh - 1) * sh + 1 : sh, j * dw : j * dw + (ow - 1) * sw + 1 : sw, :]
            y += patch @ w[i, j]
    return y + (b if b is not None else 0)


def pool2d(x, c, kind):
    (ph, pw), (sh, sw) = c["pool_size"], c["strides"] or c["pool_size"]
    ones = np.ones(x.shape[:3] + (1,))
    if c["padding"] == "same":
        pads = [(0, 0), same_pad(x.shape[1], ph, sh), same_pad(x.shape[2], pw, sw), (0, 0)]
        x = np.pad(x, pads, constant_values=-np.inf if kind == "max" else 0)
        ones = np.pad(ones, pads)
    oh, ow = (x.shape[1] - ph) // sh + 1, (x.shape[2] - pw) // sw + 1
    windows = [(x[:, i : i + (oh - 1) * sh + 1 : sh, j : j + (ow - 1) * sw + 1 : sw], ones[:, i : i + (oh - 1) * sh + 1 : sh, j : j + (ow - 1) * sw + 1 : sw]) for i in range(ph) for j in range(pw)]
    if kind == "max":
        return np.max([v for v, _ in windows], axis=0)
    return np.sum([v for v, _ in windows], axis=0) / np.sum([n for _, n in windows], axis=0)


def rnn(x, v, c, cls, mask=None):
    act, ract = ACTS[c.get("activation", "tanh")], ACTS[c.get("recurrent_activation", "sigmoid")]
    u, n = c["units"], x.shape[0]
    h, cell = np.zeros((n, u)), np.zeros((n, u))
    kernel, rec = v[0], v[1]
    bias = v[2] if len(v) > 2 else None
    steps = range(x.shape[1] - 1, -1, -1) if c.get("go_backwards") else range(x.shape[1])
    outs = []
    for t in steps:
        xt, h_before, cell_before = x[:, t], h, cell
        if cls == "SimpleRNN":
            h = act(xt @ kernel + h @ rec + (bias if bias is not None else 0))
        elif cls == "LSTM":
            z = xt @ kernel + h @ rec + (bias if bias is not None else 0)
            i, f, g, o = (z[:, k * u : (k + 1) * u] for k in range(4))
            cell = ract(f) * cell + ract(i) * act(g)
            h = ract(o) * act(cell)
        else:
            reset_after = c.get("reset_after", True)
            bi, br = (bias[0], bias[1]) if bias is not None and bias.ndim == 2 else (bias if bias is not None else 0, 0)
            xz = xt @ kernel + bi
            if reset_after:
                hr = h @ rec + br
                z, r = ract(xz[:, :u] + hr[:, :u]), ract(xz[:, u : 2 * u] + hr[:, u : 2 * u])
                hh = act(xz[:, 2 * u :] + r * hr[:, 2 * u :])
            else:
                z, r = ract(xz[:, :u] + h @ rec[:, :u]), ract(xz[:, u : 2 * u] + h @ rec[:, u : 2 * u])
                hh = act(xz[:, 2 * u :] + (r * h) @ rec[:, 2 * u :])
            h = z * h + (1 - z) * hh
        if mask is not None:  # Keras keeps the state (and repeats the output) at a masked step
            keep = mask[:, t : t + 1]
            h, cell = np.where(keep, h, h_before), np.where(keep, cell, cell_before)
        outs.append(h)
    return np.stack(outs, 1) if c.get("return_sequences") else h


def layer(x, cls, c, v, mask=None):
    if cls in ("Dense",):
        return ACTS[c["activation"]](x @ v[0] + (v[1] if c["use_bias"] else 0))
    if cls == "Conv2D":
        assert c.get("groups", 1) == 1 and c.get("data_format", "channels_last") == "channels_last"
        return ACTS[c["activation"]](conv2d(x, v[0], v[1] if c["use_bias"] else None, c))
    if cls in ("MaxPooling2D", "AveragePooling2D"):
        return pool2d(x, c, "max" if cls.startswith("Max") else "avg")
    if cls == "Flatten":
        return x.reshape(x.shape[0], -1)
    if cls in ("Dropout", "GaussianNoise", "SpatialDropout2D"):
        return x
    if cls == "Reshape":
        return x.reshape((x.shape[0],) + tuple(c["target_shape"]))
    if cls == "Activation":
        return ACTS[c["activation"]](x)
    if cls == "LeakyReLU":
        return np.where(x > 0, x, c.get("negative_slope", 0.3) * x)
    if cls == "BatchNormalization":
        it = iter(v)
        gamma = next(it) if c["scale"] else 1
        beta = next(it) if c["center"] else 0
        mean, var = next(it), next(it)
        return gamma * (x - mean) / np.sqrt(var + c["epsilon"]) + beta
    if cls in ("LSTM", "GRU", "SimpleRNN"):
        return rnn(x, v, c, cls, mask)
    if cls == "Embedding":
        return v[0][x.astype(np.int64)]
    raise SystemExit(f"keras-forward.py: no reference for layer class {cls}")


def main():
    path, out = sys.argv[1], sys.argv[2]
    batch = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    z = zipfile.ZipFile(path)
    cfg = json.loads(z.read("config.json"))
    layers = [l for l in cfg["config"]["layers"] if l["class_name"] != "InputLayer"]
    inp = next((l["config"].get("batch_shape") or l["config"].get("batch_input_shape") for l in cfg["config"]["layers"] if l["class_name"] == "InputLayer"), None)
    inp = inp or cfg["config"].get("build_input_shape")
    h5 = h5py.File(io.BytesIO(z.read("model.weights.h5")), "r")
    by_name = {}
    h5.visititems(lambda k, o: by_name.setdefault(o.attrs["name"], k) if isinstance(o, h5py.Group) and k.endswith("vars") and "name" in o.attrs else None)
    used, lookup = {}, "name attribute" if by_name else "per-class path"
    rng = np.random.default_rng(0)
    if layers[0]["class_name"] == "Embedding":  # token ids, the last few of each row 0 (padding)
        x = rng.integers(1, layers[0]["config"]["input_dim"], (batch,) + tuple(inp[1:])).astype(np.float32)
        x[:, -max(1, x.shape[1] // 4) :] = 0
    else:
        x = rng.standard_normal((batch,) + tuple(inp[1:])).astype(np.float32)
    y = x.astype(np.float64)
    mask = (x != 0) if layers[0]["class_name"] == "Embedding" and layers[0]["config"].get("mask_zero") and os.environ.get("KERAS_FORWARD_NO_MASK") is None else None
    for l in layers:
        cls, c = l["class_name"], l["config"]
        base = snake(cls)
        k = used.get(base)
        used[base] = 0 if k is None else k + 1
        key = base if k is None else f"{base}_{k + 1}"
        group = f"layers/{key}/cell/vars" if cls in ("LSTM", "GRU", "SimpleRNN") else f"layers/{key}/vars"
        if c["name"] in by_name:
            group = by_name[c["name"]].removesuffix("vars") + ("cell/vars" if cls in ("LSTM", "GRU", "SimpleRNN") else "vars")
        g = h5[group] if group in h5 else {}
        v = [np.asarray(g[str(i)], np.float64) for i in range(len(g))]
        y = layer(y, cls, c, v, mask)
        if cls in ("LSTM", "GRU", "SimpleRNN") and not c.get("return_sequences"):
            mask = None
    json.dump({"input": x.reshape(-1).tolist(), "shape": list(x.shape), "output": np.asarray(y, np.float32).reshape(-1).tolist(), "lookup": lookup}, open(out, "w"))


main()
