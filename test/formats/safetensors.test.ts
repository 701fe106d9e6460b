/**
 * safetensors: byte-identical to the reference serializer's own test vectors (huggingface/safetensors,
 * safetensors/src/tensor.rs: test_serialization, test_serialization_forced_alignement, test_empty),
 * the reference reader's rejections, model round trips for every layer, and PyTorch loading the files.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { decodeSafetensors, encodeSafetensors, fromHalf, toHalf } from "../../src/formats/safetensors.js";
import { inputFor, maxDiff, zoo } from "./zoo.js";
import { pythonMissing, runPython } from "./python.js";

const dir = mkdtempSync(join(tmpdir(), "bp-st-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const f32 = [0, 1, 2, 3, 4, 5];

describe("safetensors bytes", () => {
  test("the reference's test_serialization vector (header 64, no padding)", () => {
    const out = encodeSafetensors([{ name: "attn.0", dtype: "F32", shape: [1, 2, 3], data: f32 }]);
    expect([...out]).toEqual([
      64, 0, 0, 0, 0, 0, 0, 0, 123, 34, 97, 116, 116, 110, 46, 48, 34, 58, 123, 34, 100, 116, 121, 112, 101, 34, 58, 34, 70, 51, 50, 34, 44, 34, 115, 104, 97, 112, 101, 34,
      58, 91, 49, 44, 50, 44, 51, 93, 44, 34, 100, 97, 116, 97, 95, 111, 102, 102, 115, 101, 116, 115, 34, 58, 91, 48, 44, 50, 52, 93, 125, 125, 0, 0, 0, 0, 0, 0, 128, 63,
      0, 0, 0, 64, 0, 0, 64, 64, 0, 0, 128, 64, 0, 0, 160, 64,
    ]);
  });
  test("the reference's forced-alignment vector (header 72, 7 spaces)", () => {
    const out = encodeSafetensors([{ name: "attn0", dtype: "F32", shape: [1, 1, 2, 3], data: f32 }]);
    expect([...out]).toEqual([
      72, 0, 0, 0, 0, 0, 0, 0, 123, 34, 97, 116, 116, 110, 48, 34, 58, 123, 34, 100, 116, 121, 112, 101, 34, 58, 34, 70, 51, 50, 34, 44, 34, 115, 104, 97, 112, 101, 34, 58,
      91, 49, 44, 49, 44, 50, 44, 51, 93, 44, 34, 100, 97, 116, 97, 95, 111, 102, 102, 115, 101, 116, 115, 34, 58, 91, 48, 44, 50, 52, 93, 125, 125, 32, 32, 32, 32, 32,
      32, 32, 0, 0, 0, 0, 0, 0, 128, 63, 0, 0, 0, 64, 0, 0, 64, 64, 0, 0, 128, 64, 0, 0, 160, 64,
    ]);
  });
  test("the reference's empty vectors, with and without metadata", () => {
    expect([...encodeSafetensors([])]).toEqual([8, 0, 0, 0, 0, 0, 0, 0, 123, 125, 32, 32, 32, 32, 32, 32]);
    expect([...encodeSafetensors([], { framework: "pt" })]).toEqual([
      40, 0, 0, 0, 0, 0, 0, 0, 123, 34, 95, 95, 109, 101, 116, 97, 100, 97, 116, 97, 95, 95, 34, 58, 123, 34, 102, 114, 97, 109, 101, 119, 111, 114, 107, 34, 58, 34, 112,
      116, 34, 125, 125, 32, 32, 32, 32, 32,
    ]);
  });
  test("tensors are ordered by alignment then name, so each starts aligned; every dtype reads back", () => {
    const tensors = [
      { name: "b", dtype: "F32" as const, shape: [2], data: [1.5, -2] },
      { name: "a", dtype: "F16" as const, shape: [3], data: [0.5, -65504, 6e-8] },
      { name: "c", dtype: "I64" as const, shape: [], data: [7] },
      { name: "d", dtype: "BF16" as const, shape: [1], data: [3.140625] },
      { name: "e", dtype: "F64" as const, shape: [1, 1], data: [Math.PI] },
      { name: "f", dtype: "U8" as const, shape: [2], data: [0, 255] },
    ];
    const file = decodeSafetensors(encodeSafetensors(tensors, { k: "v" }), "mem");
    expect(file.metadata).toEqual({ k: "v" });
    expect(file.tensors.map((t) => t.name)).toEqual(["c", "e", "b", "d", "a", "f"]);
    const get = (n: string) => [...file.tensors.find((t) => t.name === n)!.data];
    expect(get("b")).toEqual([1.5, -2]);
    expect(get("a")[0]).toBe(0.5);
    expect(get("a")[1]).toBe(-65504);
    expect(get("c")).toEqual([7]);
    expect(get("d")).toEqual([3.140625]);
    expect(get("e")).toEqual([Math.PI]);
    expect(get("f")).toEqual([0, 255]);
    for (const v of [0, 1, -1, 0.1, 65504, 1e-5, 6e-8, Infinity]) expect(fromHalf(toHalf(v))).toBeCloseTo(v, 3);
  });

  const vector = (header: string, data: number[]) => {
    const h = new TextEncoder().encode(header);
    const out = new Uint8Array(8 + h.length + data.length);
    new DataView(out.buffer).setBigUint64(0, BigInt(h.length), true);
    out.set(h, 8);
    out.set(data, 8 + h.length);
    return out;
  };
  const sixteen = new Array(16).fill(0);
  test.each([
    ["trailing bytes (the reference's polyglot case)", vector('{"test":{"dtype":"I32","shape":[2,2],"data_offsets":[0,16]}}', [...sixteen, 1, 2, 3]), /trailing bytes/],
    ["missing data bytes", vector('{"test":{"dtype":"I32","shape":[2,2],"data_offsets":[0,16]}}', sixteen.slice(2)), /truncated/],
    ["a size that disagrees with the shape", vector('{"test":{"dtype":"I32","shape":[2,2],"data_offsets":[0,4]}}', [0, 0, 0, 0]), /needs 16 bytes/],
    ["a hole", vector('{"a":{"dtype":"U8","shape":[1],"data_offsets":[1,2]}}', [0, 0]), /holes/],
    ["an overflowing shape", vector('{"test":{"dtype":"I32","shape":[2,9223372036854775807],"data_offsets":[0,16]}}', sixteen), /invalid shape|needs/],
    ["a duplicate name", vector('{"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]},"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}', [0]), /twice/],
    ["an unknown dtype", vector('{"a":{"dtype":"Q4","shape":[1],"data_offsets":[0,1]}}', [0]), /dtype "Q4"/],
    ["not JSON", vector("{", []), /not valid JSON/],
    ["non-UTF-8", vector("\xff", []), /UTF-8|start with/],
    ["too short", new Uint8Array(3), /too short/],
  ])("rejects %s with a FormatError", (_what, bytes, message) => {
    expect(() => decodeSafetensors(bytes, "x.safetensors")).toThrow(bp.FormatError);
    expect(() => decodeSafetensors(bytes, "x.safetensors")).toThrow(message);
  });
  test("a header length past the end of the file is refused before anything is allocated", () => {
    const b = vector('{"test":{"dtype":"I32","shape":[2,2],"data_offsets":[0,16]}}', sixteen);
    new DataView(b.buffer).setUint32(4, 0xffffff00, true);
    expect(() => decodeSafetensors(b, "x")).toThrow(/over the 100 MB limit/);
    new DataView(b.buffer).setUint32(4, 0, true);
    new DataView(b.buffer).setUint32(0, 1_000_000, true);
    expect(() => decodeSafetensors(b, "x")).toThrow(/runs past the end/);
  });
});

describe("models as safetensors", () => {
  for (const m of zoo()) {
    test(`${m.name}: save → loadModel restores layers and weights; outputs equal; PyTorch naming round-trips`, async () => {
      const x = inputFor(m.input, 5, m.int);
      const want = m.model.predict(x);
      const p = join(dir, `${m.name}.safetensors`);
      await m.model.save(p);
      const back = await bp.loadModel(p);
      expect(back.layers.map((l) => l.name)).toEqual(m.model.layers.map((l) => l.name));
      expect(maxDiff(back.predict(x), want)).toBe(0);
      // backprop → file → backprop → file: the same bytes
      const p2 = join(dir, `${m.name}-again.safetensors`);
      await back.save(p2);
      expect(Buffer.compare(readFileSync(p), readFileSync(p2))).toBe(0);
      if (!m.torch) {
        await expect(m.model.save(join(dir, `${m.name}-pt.safetensors`), { torchNames: true })).rejects.toThrow(bp.FormatError);
        return;
      }
      const pt = join(dir, `${m.name}-pt.safetensors`);
      await m.model.save(pt, { torchNames: true });
      expect(existsSync(join(dir, `${m.name}-pt.py`))).toBe(true);
      const fromPt = await bp.loadModel(pt);
      expect(maxDiff(fromPt.predict(x), want)).toBe(0);
      // loadWeights into a fresh copy of the architecture, from PyTorch names
      const fresh = await bp.loadModel(p);
      fresh.setWeights(fresh.weights.map((w) => bp.zerosLike(w)));
      await bp.loadWeights(fresh, pt);
      expect(maxDiff(fresh.predict(x), want)).toBe(0);
      writeFileSync(join(dir, `${m.name}.x.json`), JSON.stringify({ x: [...x.dataSync()], shape: x.shape, int: m.int !== undefined, y: [...want.dataSync()] }));
    });
  }

  test("loadModel of a weights-only file, a shape disagreement and an unknown layer are FormatErrors; nothing half-loaded", async () => {
    const { model } = zoo()[0]!;
    const ws = encodeSafetensors([{ name: "w", dtype: "F32", shape: [1], data: [1] }]);
    writeFileSync(join(dir, "weights-only.safetensors"), ws);
    await expect(bp.loadModel(join(dir, "weights-only.safetensors"))).rejects.toThrow(/weights only/);
    await expect(bp.loadWeights(model, join(dir, "weights-only.safetensors"))).rejects.toThrow(bp.FormatError);
    const before = model.getWeights().map((t) => [...t.dataSync()]);
    const p = join(dir, "mlp-good.safetensors");
    await model.save(p);
    const file = decodeSafetensors(readFileSync(p), p);
    const meta = JSON.parse(file.metadata["backprop.model"]!) as { layers: { className: string }[] };
    const k = file.tensors.findIndex((t) => t.shape.length === 2 && t.shape[0] !== t.shape[1]);
    const broken = file.tensors.map((t, i) => (i === k ? { ...t, shape: [t.shape[1]!, t.shape[0]!] } : t));
    writeFileSync(join(dir, "bad-shape.safetensors"), encodeSafetensors(broken, file.metadata));
    await expect(bp.loadModel(join(dir, "bad-shape.safetensors"))).rejects.toThrow(/stored as/);
    await expect(bp.loadWeights(model, join(dir, "bad-shape.safetensors"))).rejects.toThrow(bp.FormatError);
    expect(model.getWeights().map((t) => [...t.dataSync()])).toEqual(before);
    meta.layers[1]!.className = "Dense7";
    writeFileSync(join(dir, "bad-layer.safetensors"), encodeSafetensors(file.tensors, { ...file.metadata, "backprop.model": JSON.stringify(meta) }));
    await expect(bp.loadModel(join(dir, "bad-layer.safetensors"))).rejects.toThrow(/unknown layer class "Dense7"/);
    const bytes = readFileSync(p);
    writeFileSync(join(dir, "cut.safetensors"), bytes.subarray(0, bytes.length - 5));
    await expect(bp.loadModel(join(dir, "cut.safetensors"))).rejects.toThrow(/cut.safetensors.*truncated/);
  });

  test("a failed save leaves the previous file intact", async () => {
    const p = join(dir, "keep.safetensors");
    const good = zoo()[0]!.model;
    await good.save(p);
    const before = readFileSync(p);
    const custom = bp.sequential([bp.layers.dense({ units: 2, inputShape: [3], activation: (t) => t.mul(2) })]);
    await expect(custom.save(p, { torchNames: true })).rejects.toThrow(/activation/);
    expect(Buffer.compare(readFileSync(p), before)).toBe(0);
  });

  test("PyTorch loads every torch-named file into the generated nn.Sequential and computes the same outputs", async () => {
    if (pythonMissing(["torch"])) return;
    const names = zoo().filter((m) => m.torch).map((m) => m.name);
    for (const n of names) expect(existsSync(join(dir, `${n}.x.json`))).toBe(true);
    const out = runPython(TORCH_CHECK, [dir, ...names]);
    const diffs = JSON.parse(out) as Record<string, number>;
    expect(Object.keys(diffs).sort()).toEqual([...names].sort());
    for (const [n, d] of Object.entries(diffs)) expect(d, n).toBeLessThan(1e-5);
  }, 120_000);
});

/** Reads safetensors with json + struct (Debian has no safetensors package), builds the generated module, compares outputs. */
const TORCH_CHECK = String.raw`
import json, struct, sys, importlib.util, torch
torch.set_grad_enabled(False)
def load(path):
    b = open(path, "rb").read()
    n = struct.unpack("<Q", b[:8])[0]
    h = json.loads(b[8:8 + n])
    h.pop("__metadata__", None)
    dt = {"F32": torch.float32, "I64": torch.int64}
    out = {}
    for k, v in h.items():
        s, e = v["data_offsets"]
        out[k] = torch.frombuffer(bytearray(b[8 + n + s:8 + n + e]), dtype=dt[v["dtype"]]).reshape(v["shape"]).clone()
    return out
d = sys.argv[1]
res = {}
for name in sys.argv[2:]:
    spec = importlib.util.spec_from_file_location(name.replace("-", "_"), f"{d}/{name}-pt.py")
    mod = importlib.util.module_from_spec(spec); spec.loader.exec_module(mod)
    m = mod.build_model()
    m.load_state_dict(load(f"{d}/{name}-pt.safetensors"), strict=True)
    m.eval()
    io = json.load(open(f"{d}/{name}.x.json"))
    x = torch.tensor(io["x"], dtype=torch.int64 if io["int"] else torch.float32).reshape(io["shape"])
    y = m(x).reshape(-1)
    res[name] = float((y - torch.tensor(io["y"])).abs().max())
print(json.dumps(res))
`;
