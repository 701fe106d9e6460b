/** Images as tensors: PNG decode / encode (checked against pngjs), loadImage, resize (against PyTorch), toGrayscale. */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PNG } from "pngjs";
import { describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";

const here = dirname(fileURLToPath(import.meta.url));
const fixture = JSON.parse(readFileSync(join(here, "..", "fixtures", "image.json"), "utf8")) as {
  resize: { name: string; method: "bilinear" | "nearest"; size: [number, number]; shape: number[]; x: number[]; y: number[] }[];
};

/** A PNG written by pngjs (an independent encoder) from 0–255 (or 0–65535) samples. */
function pngjs(width: number, height: number, colorType: 0 | 2 | 4 | 6, samples: number[], bitDepth: 8 | 16 = 8): Uint8Array {
  const png = new PNG({ width, height, colorType, inputColorType: colorType, bitDepth, inputHasAlpha: colorType >= 4 });
  const data = bitDepth === 16 ? Buffer.from(new Uint16Array(samples).buffer) : Buffer.from(samples);
  png.data = data;
  return PNG.sync.write(png, { colorType, inputColorType: colorType, bitDepth, inputHasAlpha: colorType >= 4 });
}

describe("decodePng / encodePng", () => {
  test.each([
    ["grey", 0, 1],
    ["grey + alpha", 4, 2],
    ["RGB", 2, 3],
    ["RGBA", 6, 4],
  ] as const)("%s PNG from pngjs decodes to [h, w, %i] with values / 255", (_name, colorType, channels) => {
    const [w, h] = [5, 3];
    const samples = Array.from({ length: w * h * channels }, (_, i) => (i * 37) % 256);
    const img = bp.data.decodePng(pngjs(w, h, colorType, samples));
    expect(img.shape).toEqual([h, w, channels]);
    expect(img.dtype).toBe("float32");
    expect(Array.from(img.dataSync(), (v) => Math.round(v * 255))).toEqual(samples);
  });

  test("16-bit samples are scaled by 65535", () => {
    const samples = [0, 65535, 1000, 30000, 65000, 12345];
    const img = bp.data.decodePng(pngjs(2, 1, 2, samples, 16));
    expect(img.shape).toEqual([1, 2, 3]);
    img.dataSync().forEach((v, i) => expect(v).toBeCloseTo(samples[i]! / 65535, 6));
  });

  test("channels converts: RGB to grey (BT.601 luma), grey to RGB and RGBA", () => {
    const rgb = pngjs(2, 1, 2, [255, 0, 0, 10, 200, 30]);
    const grey = bp.data.decodePng(rgb, { channels: 1 });
    expect(grey.shape).toEqual([1, 2, 1]);
    expect(grey.dataSync()[0]).toBeCloseTo(0.299, 5);
    expect(grey.dataSync()[1]).toBeCloseTo((0.299 * 10 + 0.587 * 200 + 0.114 * 30) / 255, 5);
    const g = pngjs(1, 1, 0, [51]);
    const f = Math.fround(0.2);
    expect(bp.data.decodePng(g, { channels: 4 }).toArray()).toEqual([[[f, f, f, 1]]]);
  });

  test("encodePng writes what pngjs reads back, for 1 to 4 channels and [h, w]", () => {
    for (const shape of [[4, 6], [4, 6, 1], [3, 2, 2], [7, 5, 3], [2, 9, 4]]) {
      const img = bp.rand(shape, { seed: shape.length });
      const png = PNG.sync.read(Buffer.from(bp.data.encodePng(img)));
      expect([png.height, png.width]).toEqual(shape.slice(0, 2));
      const c = shape[2] ?? 1;
      const px = img.dataSync();
      for (let p = 0; p < shape[0]! * shape[1]!; p++) {
        const rgba = [0, 1, 2, 3].map((k) => png.data[p * 4 + k]!);
        const want = Array.from({ length: c }, (_, k) => Math.round(px[p * c + k]! * 255));
        const got = c === 1 ? [rgba[0]] : c === 2 ? [rgba[0], rgba[3]] : rgba.slice(0, c);
        expect(got).toEqual(want);
      }
    }
  });

  test("a real MNIST digit survives encode → decode exactly", async () => {
    const { xTest } = await bp.data.mnist();
    const digit = xTest.slice([0, 0, 0, 0], [1, 28, 28, 1]).reshape([28, 28, 1]);
    const back = bp.data.decodePng(bp.data.encodePng(digit));
    expect(back.shape).toEqual([28, 28, 1]);
    expect(Array.from(back.dataSync())).toEqual(Array.from(digit.dataSync()));
  });

  test("bytes that are not a PNG, a truncated PNG and a huge header are FormatErrors, before allocation", () => {
    expect(() => bp.data.decodePng(new TextEncoder().encode("hello, not an image at all"))).toThrow(bp.FormatError);
    expect(() => bp.data.decodePng(new TextEncoder().encode("hello, not an image at all"))).toThrow(/decodePng: not a PNG image/);
    const good = bp.data.encodePng(bp.rand([30, 30, 3], { seed: 1 }));
    expect(() => bp.data.decodePng(good.slice(0, good.length - 40))).toThrow(/decodePng: the PNG data is damaged or truncated/);
    const huge = good.slice();
    new DataView(huge.buffer).setUint32(16, 200_000);
    new DataView(huge.buffer).setUint32(20, 200_000);
    expect(() => bp.data.decodePng(huge)).toThrow(/200000×200000 pixels; expected 1 to/);
    expect(() => bp.data.decodePng("x" as never)).toThrow(bp.ValueError);
    expect(() => bp.data.decodePng(good, { channels: 2 as never })).toThrow(/channels must be 1, 3 or 4/);
    expect(() => bp.data.encodePng(bp.zeros([2, 2, 5]))).toThrow(bp.ShapeError);
    expect(() => bp.data.encodePng(bp.tensor([[NaN]]))).toThrow(/NaN at element 0/);
  });

  test("loadImage reads a file; errors name it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bp-img-"));
    const file = join(dir, "dot.png");
    writeFileSync(file, pngjs(3, 2, 2, Array.from({ length: 18 }, (_, i) => i * 10)));
    const img = await bp.data.loadImage(file);
    expect(img.shape).toEqual([2, 3, 3]);
    expect((await bp.data.loadImage(file, { channels: 1 })).shape).toEqual([2, 3, 1]);
    writeFileSync(join(dir, "fake.png"), "GIF89a not a png");
    await expect(bp.data.loadImage(join(dir, "fake.png"))).rejects.toThrow(/loadImage: .*fake\.png: not a PNG image/);
    await expect(bp.data.loadImage(join(dir, "absent.png"))).rejects.toThrow(/absent\.png/);
  });
});

describe("image.resize", () => {
  test.each(fixture.resize.map((c) => [c.name, c] as const))("%s matches PyTorch's interpolate", (_name, c) => {
    const x = bp.tensor(c.x, c.shape);
    const y = bp.image.resize(x, c.size, { method: c.method });
    expect(y.shape).toEqual([...c.size, c.shape[2]]);
    y.dataSync().forEach((v, i) => expect(Math.abs(v - c.y[i]!)).toBeLessThan(1e-5));
  });

  test("a batch resizes image by image; gradients flow through", () => {
    const a = bp.rand([5, 4, 2], { seed: 1 });
    const b = bp.rand([5, 4, 2], { seed: 2 });
    const batch = bp.image.resize(bp.stack([a, b]), [3, 7]);
    expect(batch.shape).toEqual([2, 3, 7, 2]);
    expect(batch.slice([1, 0, 0, 0], [1, 3, 7, 2]).reshape([3, 7, 2]).toArray()).toEqual(bp.image.resize(b, [3, 7]).toArray());
    expect(bp.checkGrad((x) => bp.image.resize(x, [7, 3]).square().sum(), a.cast("float64")).ok).toBe(true);
  });

  test("resizing a large photo-sized image", () => {
    const img = bp.rand([480, 640, 3], { seed: 3 });
    const small = bp.image.resize(img, [28, 28]);
    expect(small.shape).toEqual([28, 28, 3]);
    const v = small.dataSync();
    expect(Math.min(...v)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...v)).toBeLessThanOrEqual(1);
  });

  test("bad sizes and shapes are errors", () => {
    expect(() => bp.image.resize(bp.zeros([4, 4]), [2, 2])).toThrow(/image.resize: expected an image/);
    expect(() => bp.image.resize(bp.zeros([4, 4, 1]), [0, 2])).toThrow(/size must be \[height, width\] of positive integers/);
    expect(() => bp.image.resize(bp.zeros([4, 4, 1]), [2, 2], { method: "cubic" as never })).toThrow(/method must be/);
  });
});

describe("image.toGrayscale", () => {
  test("BT.601 luma of RGB and RGBA, grey kept", () => {
    const rgb = bp.tensor([[[1, 0, 0], [0.2, 0.4, 0.6]]]);
    const g = bp.image.toGrayscale(rgb);
    expect(g.shape).toEqual([1, 2, 1]);
    expect(g.dataSync()[0]).toBeCloseTo(0.299, 6);
    expect(g.dataSync()[1]).toBeCloseTo(0.299 * 0.2 + 0.587 * 0.4 + 0.114 * 0.6, 6);
    expect(bp.image.toGrayscale(bp.tensor([[[0, 1, 0, 0.5]]])).dataSync()[0]).toBeCloseTo(0.587, 6);
    expect(bp.image.toGrayscale(bp.tensor([[[0.3, 1]]])).toArray()).toEqual([[[Math.fround(0.3)]]]);
    expect(bp.image.toGrayscale(bp.ones([2, 5, 5, 3])).shape).toEqual([2, 5, 5, 1]);
  });
});
