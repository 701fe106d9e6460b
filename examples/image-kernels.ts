/**
 * Fixed convolution kernels on a real MNIST digit: a box blur, a sharpen kernel and an outline (edge)
 * kernel applied with bp.conv2d, each result written as a PNG, enlarged 8× with nearest sampling.
 *
 *   npx tsx examples/image-kernels.ts [outDir]     (default runs/kernels)
 *
 * Stated result: blur lowers the digit's total variation and sharpen raises it; the outline is zero (to float32 rounding)
 * wherever the picture is flat (the background) and strong along the strokes.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import * as bp from "../src/index.js";
import { fmt, runIfMain } from "./main.js";

/** The lectures' 3×3 kernels. */
export const KERNELS = {
  blur: [[1, 1, 1], [1, 1, 1], [1, 1, 1]].map((r) => r.map((v) => v / 9)),
  sharpen: [[0, -1, 0], [-1, 5, -1], [0, -1, 0]],
  outline: [[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]],
};

export interface KernelsResult {
  /** The PNG files written: original, blur, sharpen, outline. */
  files: string[];
  /** Σ |differences of neighbouring pixels| of each picture. */
  totalVariation: Record<"original" | keyof typeof KERNELS, number>;
  /** Largest |outline| over pixels whose 3×3 neighbourhood is flat, and over the whole digit. */
  outlineOnFlat: number;
  outlineMax: number;
}

function totalVariation(img: bp.Tensor): number {
  const [h, w] = img.shape as [number, number, number];
  const dy = img.slice([1, 0, 0], [h - 1, w, 1]).sub(img.slice([0, 0, 0], [h - 1, w, 1]));
  const dx = img.slice([0, 1, 0], [h, w - 1, 1]).sub(img.slice([0, 0, 0], [h, w - 1, 1]));
  return dy.abs().sum().item() + dx.abs().sum().item();
}

export async function run(outDir = join("runs", "kernels")): Promise<KernelsResult> {
  const { xTest } = await bp.data.mnist();
  const digit = xTest.slice([0, 0, 0, 0], [1, 28, 28, 1]);
  await mkdir(outDir, { recursive: true });
  const files: string[] = [];
  const save = async (name: string, img: bp.Tensor): Promise<void> => {
    const file = join(outDir, `${name}.png`);
    await writeFile(file, bp.data.encodePng(bp.image.resize(img, [224, 224], { method: "nearest" })));
    files.push(file);
  };
  const original = digit.reshape([28, 28, 1]);
  await save("original", original);
  const tv = { original: totalVariation(original) } as KernelsResult["totalVariation"];
  let outline = original;
  for (const [name, k] of Object.entries(KERNELS) as [keyof typeof KERNELS, number[][]][]) {
    const filtered = bp.conv2d(digit, bp.tensor(k).reshape([3, 3, 1, 1]), { padding: "same" }).reshape([28, 28, 1]);
    tv[name] = totalVariation(filtered);
    if (name === "outline") outline = filtered;
    await save(name, name === "outline" ? filtered.abs().clip(0, 1) : filtered.clip(0, 1));
  }
  // a pixel is on a flat patch when its 3×3 neighbourhood holds a single value
  const localMax = bp.maxPool2d(digit, { poolSize: 3, strides: 1, padding: "same" });
  const localMin = bp.maxPool2d(digit.neg(), { poolSize: 3, strides: 1, padding: "same" }).neg();
  const flat = localMax.sub(localMin).equal(0).reshape([28, 28, 1]);
  const outlineOnFlat = flat.where(outline.abs(), 0).max().item();
  return { files, totalVariation: tv, outlineOnFlat, outlineMax: outline.abs().max().item() };
}

runIfMain(import.meta.url, () => run(process.argv[2]), (r) =>
  [
    "Fixed 3×3 kernels on the first test digit (bp.conv2d, padding same):",
    ...Object.entries(r.totalVariation).map(([k, v]) => `  ${k.padEnd(8)} total variation ${fmt(v, 2)}`),
    `  outline: ${fmt(r.outlineOnFlat)} on flat patches, up to ${fmt(r.outlineMax)} along the strokes`,
    `wrote ${r.files.join(", ")}`,
  ].join("\n"),
);
