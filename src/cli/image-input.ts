/**
 * Turning a picture into a model input the way MNIST digits were made: any size, colour or grey,
 * light or dark background → grey, ink bright on black (inverted when the background is light),
 * the ink's bounding box scaled to fit 20×20 and centred by its centre of mass in 28×28. Pictures
 * already at the model's size are only converted and inverted.
 */
import { PNG } from "pngjs";
import { NotFoundError } from "../errors.js";
import { maxOf } from "../extent.js";
import { readRegularFile } from "../model/node-fs.js";
import { InputError } from "./exit.js";
import { checkPng } from "./png-header.js";

/** The largest PNG file read. */
const MAX_PNG_BYTES = 256 * 2 ** 20;

/** A grey image, values in [0, 1], row-major. */
export interface Grey {
  width: number;
  height: number;
  data: Float32Array;
}

/** Decodes a PNG file to grey (alpha composited over white). */
export async function readPngGrey(path: string): Promise<Grey> {
  let bytes: Uint8Array;
  try {
    bytes = await readRegularFile("predict", path, { label: path, what: "a .png picture", maxBytes: MAX_PNG_BYTES });
  } catch (e) {
    if (e instanceof NotFoundError) throw new InputError(`input file not found or unreadable: ${path} (${e.message})`);
    throw e;
  }
  const magic = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 8 || magic.some((b, i) => bytes[i] !== b)) {
    const kind = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff ? "a JPEG picture" : bytes.length === 0 ? "empty" : "not a PNG picture";
    throw new InputError(`${path} is ${kind} (it does not start with the PNG signature); expected a .png picture or a .csv file of numbers`);
  }
  checkPng(bytes, path);
  let png: PNG;
  try {
    png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (e) {
    throw new InputError(`${path} is not a valid PNG image (${(e as Error).message}); expected a .png file or a .csv row of numbers`);
  }
  const { width, height, data } = png;
  const grey = new Float32Array(width * height);
  for (let i = 0; i < width * height; i++) {
    const a = (data[4 * i + 3] as number) / 255;
    const luma = (0.299 * (data[4 * i] as number) + 0.587 * (data[4 * i + 1] as number) + 0.114 * (data[4 * i + 2] as number)) / 255;
    grey[i] = luma * a + (1 - a);
  }
  return { width, height, data: grey };
}

/** Resamples by area averaging (each output pixel averages the input area it covers). */
export function resize(img: Grey, width: number, height: number): Grey {
  const out = new Float32Array(width * height);
  const sx = img.width / width;
  const sy = img.height / height;
  for (let y = 0; y < height; y++) {
    const y0 = y * sy;
    const y1 = y0 + sy;
    for (let x = 0; x < width; x++) {
      const x0 = x * sx;
      const x1 = x0 + sx;
      let sum = 0;
      let area = 0;
      for (let iy = Math.floor(y0); iy < Math.min(img.height, Math.ceil(y1)); iy++) {
        const wy = Math.min(y1, iy + 1) - Math.max(y0, iy);
        for (let ix = Math.floor(x0); ix < Math.min(img.width, Math.ceil(x1)); ix++) {
          const w = wy * (Math.min(x1, ix + 1) - Math.max(x0, ix));
          sum += w * (img.data[iy * img.width + ix] as number);
          area += w;
        }
      }
      out[y * width + x] = area > 0 ? sum / area : 0;
    }
  }
  return { width, height, data: out };
}

/** Makes ink bright on black: inverts when the border (the background) is mostly light. */
export function inkOnBlack(img: Grey): { img: Grey; inverted: boolean } {
  const border: number[] = [];
  for (let x = 0; x < img.width; x++) border.push(img.data[x] as number, img.data[(img.height - 1) * img.width + x] as number);
  for (let y = 0; y < img.height; y++) border.push(img.data[y * img.width] as number, img.data[y * img.width + img.width - 1] as number);
  if (border.reduce((a, b) => a + b, 0) / border.length <= 0.5) return { img, inverted: false };
  return { img: { ...img, data: img.data.map((v) => 1 - v) }, inverted: true };
}

/** MNIST's normalization: the ink's bounding box scaled into `box`×`box`, centred by mass in size×size. */
export function mnistStyle(img: Grey, size = 28, box = 20): Grey {
  const peak = maxOf(img.data);
  const thr = Math.max(0.1, peak * 0.25);
  let [x0, y0, x1, y1] = [img.width, img.height, -1, -1];
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      if ((img.data[y * img.width + x] as number) > thr) [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
    }
  }
  if (x1 < 0) return resize(img, size, size); // blank picture
  const cw = x1 - x0 + 1;
  const ch = y1 - y0 + 1;
  const crop = new Float32Array(cw * ch);
  for (let y = 0; y < ch; y++) crop.set(img.data.subarray((y0 + y) * img.width + x0, (y0 + y) * img.width + x0 + cw), y * cw);
  const scale = box / Math.max(cw, ch);
  const small = resize({ width: cw, height: ch, data: crop }, Math.max(1, Math.round(cw * scale)), Math.max(1, Math.round(ch * scale)));
  let [mx, my, mass] = [0, 0, 0];
  small.data.forEach((v, i) => {
    mx += v * (i % small.width);
    my += v * Math.floor(i / small.width);
    mass += v;
  });
  const ox = Math.round(size / 2 - 0.5 - (mass > 0 ? mx / mass : small.width / 2));
  const oy = Math.round(size / 2 - 0.5 - (mass > 0 ? my / mass : small.height / 2));
  const out = new Float32Array(size * size);
  for (let y = 0; y < small.height; y++) {
    for (let x = 0; x < small.width; x++) {
      const tx = x + ox;
      const ty = y + oy;
      if (tx >= 0 && ty >= 0 && tx < size && ty < size) out[ty * size + tx] = small.data[y * small.width + x] as number;
    }
  }
  return { width: size, height: size, data: out };
}

/**
 * A picture as one model input of [height, width, 1] values in [0, 1]. `fit: "digit"` centres the
 * ink as MNIST did (for models trained on digits); "resize" stretches the whole picture (Fashion-MNIST).
 */
export function toModelInput(img: Grey, height: number, width: number, fit: "digit" | "resize"): { pixels: Float32Array; inverted: boolean } {
  const { img: ink, inverted } = inkOnBlack(img);
  if (ink.width === width && ink.height === height) return { pixels: ink.data, inverted };
  const fitted = fit === "digit" && height === 28 && width === 28 ? mnistStyle(ink) : resize(ink, width, height);
  return { pixels: fitted.data, inverted };
}
