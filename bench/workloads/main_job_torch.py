"""`npm start`'s recipe in PyTorch (Debian's python3-torch), run by bench/main-job.ts --torch:

    /usr/bin/python3 bench/workloads/main_job_torch.py --data DIR --threads 1 [--seed 1]

DIR holds the digits exported by bench/main-job.ts: x_train.f32 y_train.f32 (the 7,200 training digits
after `backprop train`'s 10 % stratified validation split), x_val.f32 y_val.f32 (the 800 held out, scored
after each epoch) and x_test.f32 y_test.f32 (the 2,000 test digits). The recipe is the CLI's cnn on
mnist: conv 16@5×5 relu, maxpool 2, conv 32@5×5 relu, maxpool 2, dense 10 softmax; Glorot-uniform
kernels, zero biases; Adam 1e-2 (betas 0.9/0.999, Keras' epsilon 1e-7 applied to sqrt(v) as Keras
does), cosine-decayed to 0 per step over the run's 678 steps; batch 64, reshuffled each epoch;
6 epochs, the validation digits scored (loss and accuracy) after each.

The timer covers exactly what backprop's `fitSeconds` covers: the 6 epochs with their per-epoch
validation scoring. It excludes Python and torch start-up, reading the data, building the model and
the final test scoring. Prints one line: @@main-job {json}.
"""
import argparse
import json
import math
import os
import time

import numpy as np
import torch

p = argparse.ArgumentParser()
p.add_argument("--data", required=True)
p.add_argument("--threads", type=int, default=1)
p.add_argument("--seed", type=int, default=1)
p.add_argument("--epochs", type=int, default=6)
p.add_argument("--batch", type=int, default=64)
p.add_argument("--lr", type=float, default=1e-2)
a = p.parse_args()
torch.set_num_threads(a.threads)
torch.manual_seed(a.seed)
BETA1, BETA2, EPSILON = 0.9, 0.999, 1e-7


def load(name, shape):
    return torch.from_numpy(np.fromfile(os.path.join(a.data, name), dtype=np.float32).reshape(shape))


def images(name):
    # backprop's digits are NHWC [n, 28, 28, 1]; with one channel that is the same memory as NCHW
    return load(name, (-1, 1, 28, 28)).contiguous()


x_train, y_train = images("x_train.f32"), load("y_train.f32", (-1, 10)).argmax(1)
x_val, y_val = images("x_val.f32"), load("y_val.f32", (-1, 10)).argmax(1)
x_test, y_test = images("x_test.f32"), load("y_test.f32", (-1, 10)).argmax(1)


def build():
    m = torch.nn.Sequential(
        torch.nn.Conv2d(1, 16, 5), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Conv2d(16, 32, 5), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Flatten(), torch.nn.Linear(512, 10))
    for layer in m:
        if isinstance(layer, (torch.nn.Conv2d, torch.nn.Linear)):
            # Keras' glorotUniform: fans of a conv kernel are channels × kernel area, as torch computes them
            torch.nn.init.xavier_uniform_(layer.weight)
            torch.nn.init.zeros_(layer.bias)
    return m


def score(m, x, y):
    """Mean loss and accuracy over x in batches of the training batch size, as fit's validation does."""
    loss_sum, correct = 0.0, 0
    with torch.no_grad():
        for s in range(0, x.shape[0], a.batch):
            logits = m(x[s:s + a.batch])
            loss_sum += torch.nn.functional.cross_entropy(logits, y[s:s + a.batch], reduction="sum").item()
            correct += (logits.argmax(1) == y[s:s + a.batch]).sum().item()
    return loss_sum / x.shape[0], correct / x.shape[0]


def fit(m):
    n = x_train.shape[0]
    per_epoch = math.ceil(n / a.batch)
    steps = per_epoch * a.epochs
    opt = torch.optim.Adam(m.parameters(), lr=a.lr, betas=(BETA1, BETA2), eps=EPSILON)
    loss_fn = torch.nn.CrossEntropyLoss()
    history, epoch_seconds, step = [], [], 0
    for _ in range(a.epochs):
        t0 = time.perf_counter()
        m.train()
        perm = torch.randperm(n)
        for s in range(0, n, a.batch):
            idx = perm[s:s + a.batch]
            g = opt.param_groups[0]
            # Keras 3's cosineDecay (alpha 0) of the updates already applied, as backprop's schedule
            g["lr"] = a.lr * 0.5 * (1 + math.cos(math.pi * min(step, steps) / steps))
            step += 1
            # Keras adds epsilon to sqrt(v) before the bias correction; torch adds it after: scale it
            g["eps"] = EPSILON / math.sqrt(1 - BETA2 ** step)
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(m(x_train[idx]), y_train[idx])
            loss.backward()
            opt.step()
        m.eval()
        val_loss, val_acc = score(m, x_val, y_val)
        history.append({"val_loss": val_loss, "val_accuracy": val_acc})
        epoch_seconds.append(time.perf_counter() - t0)
    return history, epoch_seconds


model = build()
t_fit = time.perf_counter()
hist, per_epoch_s = fit(model)
fit_seconds = time.perf_counter() - t_fit
test_loss, test_acc = score(model, x_test, y_test)
print("@@main-job " + json.dumps({
    "threads": a.threads, "torch": torch.__version__, "fitSeconds": fit_seconds, "epochSeconds": per_epoch_s,
    "history": hist, "test": {"accuracy": test_acc, "loss": test_loss, "samples": int(x_test.shape[0])},
}), flush=True)
