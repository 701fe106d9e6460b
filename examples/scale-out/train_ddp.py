"""The PyTorch side of the scale-out example: DistributedDataParallel training of a model exported by backprop.

    torchrun --nproc_per_node 2 examples/scale-out/train_ddp.py OUT             # CPUs, gloo
    BACKEND=nccl torchrun --nnodes N --nproc_per_node GPUS ... train_ddp.py OUT  # GPUs, NCCL

OUT holds model.safetensors + model.py (from `backprop export --format safetensors --torch-names`) and the
digits; the trained weights are written to OUT/trained.safetensors under the same names.
"""
import importlib.util
import json
import os
import struct
import sys

import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader, DistributedSampler, TensorDataset

DTYPES = {"F32": torch.float32, "I64": torch.int64}


def load_safetensors(path):
    """safetensors: u64 header length, JSON header, raw little-endian tensors (Debian has no safetensors package)."""
    data = open(path, "rb").read()
    n = struct.unpack("<Q", data[:8])[0]
    header = json.loads(data[8:8 + n])
    header.pop("__metadata__", None)
    body = data[8 + n:]
    return {k: torch.frombuffer(bytearray(body[v["data_offsets"][0]:v["data_offsets"][1]]), dtype=DTYPES[v["dtype"]]).reshape(v["shape"]).clone() for k, v in header.items()}


def save_safetensors(tensors, path):
    names = {torch.int64: "I64", torch.float32: "F32"}
    # the reference order: dtype (I64 before F32), then name
    items = sorted(tensors.items(), key=lambda kv: (0 if kv[1].dtype == torch.int64 else 1, kv[0]))
    header, blobs, offset = {"__metadata__": {"format": "pt"}}, [], 0
    for name, t in items:
        raw = t.detach().cpu().contiguous().numpy().tobytes()
        header[name] = {"dtype": names[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(path + ".tmp", "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))
    os.replace(path + ".tmp", path)


def raw(out, name, shape):
    return torch.frombuffer(bytearray(open(f"{out}/{name}.f32", "rb").read()), dtype=torch.float32).reshape(shape)


def main():
    out = sys.argv[1]
    epochs = int(os.environ.get("EPOCHS", "2"))
    backend = os.environ.get("BACKEND", "gloo")
    dist.init_process_group(backend)
    rank, world = dist.get_rank(), dist.get_world_size()
    device = torch.device(f"cuda:{int(os.environ['LOCAL_RANK'])}") if backend == "nccl" else torch.device("cpu")
    torch.set_num_threads(1)
    torch.manual_seed(0)

    spec = importlib.util.spec_from_file_location("exported", f"{out}/model.py")
    exported = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(exported)
    model = exported.build_model()
    model.load_state_dict(load_safetensors(f"{out}/model.safetensors"))
    model.to(device)
    ddp = DistributedDataParallel(model, device_ids=[device.index] if device.type == "cuda" else None)

    meta = json.load(open(f"{out}/data.json"))
    train = TensorDataset(raw(out, "x_train", [meta["train"], *meta["shape"]]), raw(out, "y_train", [meta["train"]]).long())
    sampler = DistributedSampler(train, num_replicas=world, rank=rank, shuffle=True, seed=0)
    loader = DataLoader(train, batch_size=64, sampler=sampler)
    opt = torch.optim.Adam(ddp.parameters(), lr=1e-3)
    for epoch in range(epochs):
        sampler.set_epoch(epoch)
        ddp.train()
        for x, y in loader:
            opt.zero_grad()
            # the exported model ends in softmax: cross-entropy on its probabilities
            loss = F.nll_loss(torch.log(ddp(x.to(device)).clamp_min(1e-7)), y.to(device))
            loss.backward()
            opt.step()
    if rank == 0:
        model.eval()
        with torch.no_grad():
            x, y = raw(out, "x_test", [meta["test"], *meta["shape"]]), raw(out, "y_test", [meta["test"]]).long()
            acc = (model(x.to(device)).argmax(-1).cpu() == y).float().mean().item()
        print(f"[3] PyTorch DDP ({world} processes, {backend}): trained {epochs} more epochs, test accuracy {acc:.4f}", flush=True)
        save_safetensors(model.state_dict(), f"{out}/trained.safetensors")
    dist.barrier()
    dist.destroy_process_group()


if __name__ == "__main__":
    main()
