/**
 * ONNX both ways. Our files run in ONNX Runtime (onnxruntime-node) within 1e-5 of backprop and pass
 * the ONNX checker (python3-onnx, full check); files PyTorch's exporter writes (Gemm with transB,
 * NCHW convolutions, LSTM/GRU with zero initial states computed from the input's shape, renamed and
 * folded weights) load into backprop and go back out to ONNX Runtime.
 */
import * as ort from "onnxruntime-node";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { AT, decodeOnnx, encodeOnnx } from "../../src/formats/onnx-proto.js";
import { inputFor, maxDiff, zoo } from "./zoo.js";
import { pythonMissing, runPython } from "./python.js";

const dir = mkdtempSync(join(tmpdir(), "bp-onnx-"));
const models = zoo();
let python: { checked: Record<string, string>; torch: Record<string, { x: number[]; shape: number[]; y: number[]; yShape: number[] }> } | undefined;

beforeAll(async () => {
  for (const m of models) await m.model.save(join(dir, `${m.name}.onnx`));
  if (pythonMissing(["onnx", "torch"])) return;
  python = JSON.parse(runPython(PY, [dir, ...models.map((m) => m.name)])) as typeof python;
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function ortRun(path: string, x: bp.Tensor): Promise<bp.Tensor> {
  const s = await ort.InferenceSession.create(path);
  const feed = { [s.inputNames[0]!]: new ort.Tensor(x.dtype === "int32" ? "int32" : "float32", x.dataSync(), [...x.shape]) };
  const y = (await s.run(feed))[s.outputNames[0]!]!;
  return bp.tensor(y.data as Float32Array, [...y.dims]);
}

describe("ONNX", () => {
  for (const m of models) {
    test(`${m.name}: ONNX Runtime matches backprop; backprop reads its own file back; the re-export runs the same`, async () => {
      const x = inputFor(m.input, 7, m.int);
      const want = m.model.predict(x);
      const p = join(dir, `${m.name}.onnx`);
      expect(maxDiff(await ortRun(p, x), want)).toBeLessThanOrEqual(1e-5);
      const back = await bp.loadModel(p);
      expect(maxDiff(back.predict(x), want)).toBeLessThanOrEqual(1e-6);
      const p2 = join(dir, `${m.name}-again.onnx`);
      await back.save(p2);
      expect(maxDiff(await ortRun(p2, x), want)).toBeLessThanOrEqual(1e-5);
      // the imported model trains (fine-tuning)
      back.compile({ optimizer: "sgd", loss: "meanSquaredError" });
      const loss = back.trainStep(x, want.add(0.1));
      expect(Number.isFinite(loss)).toBe(true);
    }, 60_000);
  }

  test("every exported file passes onnx.checker.check_model(full_check=True)", () => {
    if (!python) return void pythonMissing(["onnx", "torch"]);
    expect(Object.keys(python.checked).sort()).toEqual(models.map((m) => m.name).sort());
    for (const [name, result] of Object.entries(python.checked)) expect(result, name).toBe("ok");
  });

  test("models exported by torch.onnx.export load into backprop, predict as PyTorch did, and export again", async () => {
    if (!python) return void pythonMissing(["onnx", "torch"]);
    expect(Object.keys(python.torch).sort()).toEqual(["torch_cnn", "torch_mlp", "torch_rnn"]);
    for (const [name, io] of Object.entries(python.torch)) {
      const model = await bp.loadModel(join(dir, `${name}.onnx`));
      // PyTorch feeds NCHW; backprop takes the same images as NHWC
      let x = bp.tensor(io.x, io.shape);
      if (io.shape.length === 4) x = x.transpose([0, 2, 3, 1]);
      const want = bp.tensor(io.y, io.yShape);
      expect(maxDiff(model.predict(x), want), name).toBeLessThanOrEqual(1e-5);
      const p = join(dir, `${name}-from-backprop.onnx`);
      await model.save(p);
      expect(maxDiff(await ortRun(p, x), want), name).toBeLessThanOrEqual(1e-5);
    }
  }, 60_000);

  test('a Gelu node (opset 20) reads as gelu, or as geluApproximate with approximate "tanh"', async () => {
    for (const [name, form] of [["gelu", "none"], ["gelu-tanh", "tanh"]] as const) {
      const m = models.find((z) => z.name === name)!;
      const onnx = decodeOnnx(readFileSync(join(dir, `${name}.onnx`)), name);
      // MatMul, Add (the bias), the activation's elementwise subgraph, then the next layer's MatMul
      const nodes = onnx.graph.node;
      const next = nodes.findIndex((n, i) => i > 0 && n.opType === "MatMul");
      const gelu = { input: [nodes[1]!.output[0]!], output: [nodes[next]!.input[0]!], opType: "Gelu", attribute: [{ name: "approximate", type: AT.STRING, s: new TextEncoder().encode(form) }] };
      onnx.graph.node = [nodes[0]!, nodes[1]!, gelu, ...nodes.slice(next)];
      onnx.opsetImport[0]!.version = 20;
      const p = join(dir, `${name}-op.onnx`);
      writeFileSync(p, encodeOnnx(onnx));
      const back = await bp.loadModel(p);
      expect(back.layers[0]!.getConfig().activation, name).toBe(name === "gelu" ? "gelu" : "geluApproximate");
      const x = inputFor(m.input, 7, m.int);
      expect(maxDiff(back.predict(x), m.model.predict(x)), name).toBeLessThanOrEqual(1e-6);
    }
    const onnx = decodeOnnx(readFileSync(join(dir, "gelu-op.onnx")), "gelu");
    onnx.graph.node[2]!.attribute![0]!.s = new TextEncoder().encode("erf");
    writeFileSync(join(dir, "gelu-bad.onnx"), encodeOnnx(onnx));
    await expect(bp.loadModel(join(dir, "gelu-bad.onnx"))).rejects.toThrow(/approximate "erf" is neither "none" nor "tanh"/);
  });

  test("bad ONNX files are FormatErrors naming the file and the problem", async () => {
    const p = join(dir, "cnn.onnx");
    const bytes = readFileSync(p);
    const write = (name: string, b: Uint8Array) => (writeFileSync(join(dir, name), b), join(dir, name));
    await expect(bp.loadModel(write("cut.onnx", bytes.subarray(0, bytes.length - 40)))).rejects.toThrow(/cut.onnx/);
    const edit = (f: (m: ReturnType<typeof decodeOnnx>) => void) => {
      const m = decodeOnnx(bytes, "x");
      f(m);
      return encodeOnnx(m);
    };
    await expect(bp.loadModel(write("op.onnx", edit((m) => void (m.graph.node[1]!.opType = "Einsum"))))).rejects.toThrow(/\(Einsum\): this op is not supported/);
    await expect(bp.loadModel(write("new.onnx", edit((m) => void (m.opsetImport[0]!.version = 99))))).rejects.toThrow(/opset 99 is newer/);
    await expect(bp.loadModel(write("dup.onnx", edit((m) => m.graph.initializer.push({ ...m.graph.initializer[0]! }))))).rejects.toThrow(/appears twice/);
    await expect(bp.loadModel(write("short.onnx", edit((m) => void (m.graph.initializer[0]!.rawData = m.graph.initializer[0]!.rawData!.subarray(4)))))).rejects.toThrow(/raw_data has/);
    await expect(bp.loadModel(write("external.onnx", edit((m) => void (m.graph.initializer[0]!.dataLocation = 1))))).rejects.toThrow(/external data/);
    for (const f of ["cut", "op", "new", "dup", "short", "external"]) await expect(bp.loadModel(join(dir, `${f}.onnx`))).rejects.toThrow(bp.FormatError);
    expect(existsSync(p)).toBe(true);
  });
});

/** One Python process: the ONNX checker on our files, then two PyTorch models exported the usual way. */
const PY = String.raw`
import json, sys, onnx, torch
from torch import nn
d = sys.argv[1]
checked = {}
for name in sys.argv[2:]:
    try:
        m = onnx.load(f"{d}/{name}.onnx")
        onnx.checker.check_model(m, full_check=True)
        onnx.shape_inference.infer_shapes(m, strict_mode=True)
        checked[name] = "ok"
    except Exception as e:
        checked[name] = str(e)[:300]
torch.manual_seed(0)
class Recurrent(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(3, 4, batch_first=True)
        self.gru = nn.GRU(4, 3, batch_first=True)
        self.out = nn.Linear(3, 2)
    def forward(self, x):
        y, _ = self.lstm(x)
        y, _ = self.gru(y)
        return self.out(y[:, -1])
models = {
    "torch_rnn": (Recurrent(), (3, 5, 3)),
    "torch_mlp": (nn.Sequential(nn.Linear(6, 8), nn.ReLU(), nn.Linear(8, 3), nn.Softmax(dim=-1)), (4, 6)),
    "torch_cnn": (nn.Sequential(nn.Conv2d(2, 4, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.BatchNorm2d(4), nn.Conv2d(4, 3, 2), nn.Sigmoid(), nn.Flatten(), nn.Linear(27, 5)), (3, 2, 8, 8)),
}
out = {}
for name, (m, shape) in models.items():
    m.eval()
    if name == "torch_cnn":
        bn = m[3]
        bn.running_mean.uniform_(-1, 1); bn.running_var.uniform_(0.5, 2); bn.weight.data.uniform_(0.5, 2); bn.bias.data.uniform_(-1, 1)
    x = torch.randn(*shape)
    with torch.no_grad():
        y = m(x)
    torch.onnx.export(m, x, f"{d}/{name}.onnx", opset_version=13, input_names=["input"], output_names=["output"], dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}})
    out[name] = {"x": x.reshape(-1).tolist(), "shape": list(shape), "y": y.reshape(-1).tolist(), "yShape": list(y.shape)}
print(json.dumps({"checked": checked, "torch": out}))
`;
