"""PyTorch's side of the comparison (Debian's python3-torch; bench/run.ts selects OpenBLAS through
LD_LIBRARY_PATH when libopenblas0-pthread is installed), run by bench/run.ts:

    python3 bench/workloads/torch_bench.py --data DIR --workload W1 [--samples 8000] [--threads 2]

DIR holds the digits exported by bench/run.ts (x_train.f32 y_train.f32 x_test.f32), the same split and
order as backprop's runner. Same models, optimizer (Adam 1e-3, eps 1e-7 as Keras) and batch sizes;
softmax + categorical cross-entropy is computed as CrossEntropyLoss on logits (the same function).
"""
import argparse
import json
import os
import statistics
import time

import numpy as np
import torch

p = argparse.ArgumentParser()
p.add_argument("--data", required=True)
p.add_argument("--workload", default="W1")
p.add_argument("--samples", type=int, default=8000)
p.add_argument("--threads", type=int, default=os.cpu_count())
a = p.parse_args()
torch.set_num_threads(a.threads)
torch.manual_seed(1)
LIB = "pytorch"
TRAIN = {"W1": ([128], 64), "W2": ([512, 512], 128), "W3": (None, 64)}
GEMM = [(64, 784, 128), (256, 256, 256), (1024, 1024, 1024)]


def emit(row, value=None, unit="", error=None, note=None):
    r = {"lib": LIB, "workload": a.workload, "row": row, "unit": unit}
    if value is not None:
        r["value"] = value
    if error:
        r["error"] = error
    if note:
        r["note"] = note
    print("@@result " + json.dumps(r), flush=True)


def load(name, shape):
    return torch.from_numpy(np.fromfile(os.path.join(a.data, name), dtype=np.float32).reshape(shape))


x_all = load("x_train.f32", (-1, 1, 28, 28))
y_all = load("y_train.f32", (-1, 10)).argmax(1)
n = min(a.samples, x_all.shape[0])
x_img, y = x_all[:n].contiguous(), y_all[:n].contiguous()
x_flat = x_img.reshape(n, 784)
x_test = load("x_test.f32", (-1, 784))


def model(w):
    if w == "W3":
        return torch.nn.Sequential(
            torch.nn.Conv2d(1, 8, 5), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
            torch.nn.Conv2d(8, 16, 5), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
            torch.nn.Flatten(), torch.nn.Linear(256, 10))
    sizes = [784] + TRAIN[w][0]
    layers = []
    for i in range(len(sizes) - 1):
        layers += [torch.nn.Linear(sizes[i], sizes[i + 1]), torch.nn.ReLU()]
    return torch.nn.Sequential(*layers, torch.nn.Linear(sizes[-1], 10))


def trainer(w):
    m = model(w)
    opt = torch.optim.Adam(m.parameters(), lr=1e-3, eps=1e-7)
    loss_fn = torch.nn.CrossEntropyLoss()
    x = x_img if w == "W3" else x_flat
    batch = TRAIN[w][1]

    def epoch():
        perm = torch.randperm(n)
        for s in range(0, n, batch):
            idx = perm[s:s + batch]
            opt.zero_grad()
            loss = loss_fn(m(x[idx]), y[idx])
            loss.backward()
            opt.step()
    return m, epoch


def rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def run():
    w = a.workload
    if w in ("W1", "W2", "W3"):
        _, epoch = trainer(w)
        epoch()
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            epoch()
            times.append(time.perf_counter() - t0)
        emit("train", n / statistics.median(times), "samples/s", note=None if n >= 8000 else f"{n} samples per epoch")
    elif w == "W4":
        for (mm, k, nn) in GEMM:
            A, B = torch.randn(mm, k), torch.randn(k, nn)
            reps = max(10, min(50, round(2e9 / (2 * mm * k * nn))))
            times = []
            for r in range(reps + 2):
                t0 = time.perf_counter()
                A @ B
                if r >= 2:
                    times.append(time.perf_counter() - t0)
            emit(f"{mm}×{k}×{nn}", 2 * mm * k * nn / statistics.median(times) / 1e9, "GFLOP/s")
    elif w == "W5":
        m, epoch = trainer("W1")
        epoch()
        times = []
        with torch.no_grad():
            for r in range(23):
                t0 = time.perf_counter()
                torch.softmax(m(x_test), -1).numpy()
                if r >= 3:
                    times.append(time.perf_counter() - t0)
        emit("predict", x_test.shape[0] / statistics.median(times), "samples/s")
    else:
        _, epoch = trainer("W1")
        first = 0.0
        for e in range(1, 21):
            epoch()
            if e == 1:
                first = rss_mb()
        last = rss_mb()
        emit("epoch 1", first, "MB RSS")
        emit("epoch 20", last, "MB RSS", note=f"{(last - first) / first * 100:.1f} %")


try:
    run()
except Exception as e:  # the table reports a library's error instead of stopping the run
    emit("error", error=str(e).split("\n")[0])
