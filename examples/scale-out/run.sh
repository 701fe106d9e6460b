#!/usr/bin/env bash
# backprop → safetensors with PyTorch names → DistributedDataParallel (torchrun, 2 CPU processes, gloo)
# → safetensors → backprop, printing the test accuracy at each stage. See docs/scaling.md.
#   bash examples/scale-out/run.sh [OUT]        EPOCHS=n sets the epochs of each side (default 2)
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT="${1:-$(mktemp -d)}"
mkdir -p "$OUT"
export EPOCHS="${EPOCHS:-2}"

npx tsx examples/scale-out/hand-off.ts train "$OUT"
node bin/backprop.js export --model "$OUT/model" --format safetensors --torch-names --out "$OUT/model.safetensors" >/dev/null
echo "[2] exported $OUT/model.safetensors (PyTorch names and layouts) and $OUT/model.py (its nn.Sequential)"
# torchrun as a module, through a shim that works around Debian 12's torch 1.13 launcher bug (see torchrun.py)
PYTHON="${PYTHON:-$(command -v /usr/bin/python3 || command -v python3)}"
OMP_NUM_THREADS=1 "$PYTHON" examples/scale-out/torchrun.py --standalone --nnodes 1 --nproc_per_node 2 examples/scale-out/train_ddp.py "$OUT"
npx tsx examples/scale-out/hand-off.ts evaluate "$OUT"
