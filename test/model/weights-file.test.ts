import { describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { crc32, decodeWeights, encodeWeights } from "../../src/model/weights-file.js";

describe("weights.bin encoding", () => {
  test("crc32 matches the IEEE check value", () => {
    // the standard check value of CRC-32 for the ASCII string "123456789"
    expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
  });

  test("round trip of float32 and int32 tensors, little-endian layout", () => {
    const a = bp.tensor([[1.5, -2], [3, 4.25]]);
    const b = bp.tensor([7, -8, 9], [3], "int32");
    const { manifest, bytes } = encodeWeights([
      { name: "dense/kernel", tensor: a, group: "model" },
      { name: "iterations", tensor: b, group: "optimizer" },
    ]);
    expect(manifest.byteLength).toBe(28);
    expect(manifest.weights.map((w) => [w.name, w.offset, w.byteLength, w.dtype])).toEqual([
      ["dense/kernel", 0, 16, "float32"],
      ["iterations", 16, 12, "int32"],
    ]);
    expect(new DataView(bytes.buffer).getFloat32(0, true)).toBe(1.5);
    expect(new DataView(bytes.buffer).getInt32(16, true)).toBe(7);
    const back = decodeWeights(manifest, bytes);
    expect([...back[0]!.data]).toEqual([1.5, -2, 3, 4.25]);
    expect(back[1]!.data).toBeInstanceOf(Int32Array);
    expect([...back[1]!.data]).toEqual([7, -8, 9]);
  });

  test("truncated, extended and corrupted files are FormatErrors", () => {
    const { manifest, bytes } = encodeWeights([{ name: "w", tensor: bp.randn([5, 5], { seed: 1 }), group: "model" }]);
    expect(() => decodeWeights(manifest, bytes.subarray(0, 60))).toThrow(/truncated/);
    expect(() => decodeWeights(manifest, new Uint8Array([...bytes, 0]))).toThrow(/too long/);
    const bad = bytes.slice();
    bad[13]! ^= 0x40;
    expect(() => decodeWeights(manifest, bad)).toThrow(bp.FormatError);
    expect(() => decodeWeights(manifest, bad)).toThrow(/corrupted/);
    const lying = { ...manifest, weights: [{ ...manifest.weights[0]!, shape: [5, 6] }] };
    expect(() => decodeWeights(lying, bytes)).toThrow(/does not fit/);
  });
});
