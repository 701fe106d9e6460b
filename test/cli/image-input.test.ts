/** Preparing PNG pictures for a digit model: decoding, resizing, inverting, MNIST-style centring. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { PNG } from "pngjs";
import { describe, expect, test } from "vitest";
import { inkOnBlack, mnistStyle, readPngGrey, resize, toModelInput, type Grey } from "../../src/cli/image-input.js";
import { tmp } from "./helpers.js";

const grey = (width: number, height: number, f: (x: number, y: number) => number): Grey => {
  const data = new Float32Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = f(x, y);
  return { width, height, data };
};

describe("resize", () => {
  test("downscaling averages the covered area", () => {
    const img = grey(4, 2, (x) => x); // 0 1 2 3
    expect(Array.from(resize(img, 2, 1).data)).toEqual([0.5, 2.5]);
  });
  test("a 3:2 downscale weighs partial pixels", () => {
    const img = grey(3, 1, (x) => [0, 3, 6][x]!);
    // output pixel 0 covers [0, 1.5): 1 × 0 + 0.5 × 3 → 1.5 / 1.5 = 1
    expect(Array.from(resize(img, 2, 1).data)).toEqual([1, 5]);
  });
  test("upscaling repeats values", () => {
    expect(Array.from(resize(grey(2, 1, (x) => x), 4, 1).data)).toEqual([0, 0, 1, 1]);
  });
});

describe("inkOnBlack", () => {
  test("a light background is inverted, a dark one kept", () => {
    const paper = grey(5, 5, (x, y) => (x === 2 && y === 2 ? 0 : 1));
    const r = inkOnBlack(paper);
    expect(r.inverted).toBe(true);
    expect(r.img.data[12]).toBe(1);
    expect(r.img.data[0]).toBe(0);
    expect(inkOnBlack(r.img).inverted).toBe(false);
  });
});

describe("mnistStyle", () => {
  test("ink anywhere ends up in a 20-pixel box centred by mass in 28×28", () => {
    const img = grey(100, 60, (x, y) => (x >= 5 && x < 25 && y >= 30 && y < 40 ? 1 : 0)); // 20×10 block off-centre
    const out = mnistStyle(img);
    expect([out.width, out.height]).toEqual([28, 28]);
    let [mx, my, mass, minX, maxX] = [0, 0, 0, 28, -1];
    out.data.forEach((v, i) => {
      mx += v * (i % 28);
      my += v * Math.floor(i / 28);
      mass += v;
      if (v > 0.5) [minX, maxX] = [Math.min(minX, i % 28), Math.max(maxX, i % 28)];
    });
    expect(Math.abs(mx / mass - 13.5)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(my / mass - 13.5)).toBeLessThanOrEqual(0.5);
    expect(maxX - minX + 1).toBe(20);
  });
});

describe("reading PNG files", () => {
  const dir = tmp("bp-png-");
  const write = (name: string, w: number, h: number, colorType: 0 | 2 | 6, rgba: (x: number, y: number) => [number, number, number, number]): string => {
    const png = new PNG({ width: w, height: h, colorType, inputColorType: 6, inputHasAlpha: true });
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) png.data.set(rgba(x, y), (y * w + x) * 4);
    const p = join(dir, name);
    writeFileSync(p, PNG.sync.write(png, { colorType, inputColorType: 6, inputHasAlpha: true }));
    return p;
  };

  test("colour pictures become luma; transparency is white paper", async () => {
    const p = write("rgba.png", 2, 1, 6, (x) => (x === 0 ? [255, 0, 0, 255] : [0, 0, 0, 0]));
    const g = await readPngGrey(p);
    expect(g.data[0]).toBeCloseTo(0.299, 3);
    expect(g.data[1]).toBeCloseTo(1, 6);
  });

  test("a large dark-on-white grey digit becomes a 28×28 bright-on-black input", async () => {
    const p = write("digit.png", 90, 120, 0, (x, y) => (Math.abs(x - 45) < 6 && y > 20 && y < 100 ? [0, 0, 0, 255] : [250, 250, 250, 255]));
    const { pixels, inverted } = toModelInput(await readPngGrey(p), 28, 28, "digit");
    expect(inverted).toBe(true);
    expect(pixels.length).toBe(784);
    expect(pixels[0]).toBeCloseTo(0, 6);
    expect(Math.max(...pixels)).toBeGreaterThan(0.9);
  });

  test("a picture at the model's size is only inverted when needed", () => {
    const img = grey(28, 28, (x, y) => (x === 14 && y === 14 ? 1 : 0));
    expect(toModelInput(img, 28, 28, "digit").pixels).toEqual(img.data);
  });
});
