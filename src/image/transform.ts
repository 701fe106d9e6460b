/**
 * Image tensors reshaped for a model: resize (bilinear or nearest, half-pixel centres as TensorFlow 2,
 * PIL and OpenCV) and toGrayscale. Both are written with matmul, so they run on any backend and
 * gradients flow through them. Images are [height, width, channels] or a batch [n, height, width, channels].
 *
 *   const small = bp.image.resize(img, [28, 28]);
 *   const grey = bp.image.toGrayscale(small);       // [28, 28, 1]
 */
import { fmtShape, ShapeError, ValueError } from "../errors.js";
import { matmul } from "../ops/linalg.js";
import { composite } from "../ops/convert.js";
import { makeTensor, type Tensor } from "../tensor/tensor.js";

/**
 * Options of bp.image.resize: the sampling method.
 *
 * @example
 * const options: bp.image.ResizeOptions = { method: "bilinear" };
 * bp.image.resize(bp.ones([8, 8, 1]), [4, 4], options).shape;   // => [4, 4, 1]
 */
export interface ResizeOptions {
  /** "bilinear" (default) or "nearest". */
  method?: "bilinear" | "nearest";
}

function checkImage(op: string, image: Tensor): void {
  if ((image.rank !== 3 && image.rank !== 4) || image.size === 0) {
    throw new ShapeError(`${op}: expected an image [height, width, channels] or a batch [n, height, width, channels], got ${fmtShape(image.shape)}`);
  }
}

/** The [out, in] matrix that maps `inSize` samples to `outSize` by interpolation along one axis. */
function interpolation(inSize: number, outSize: number, method: "bilinear" | "nearest"): Tensor {
  const m = new Float32Array(outSize * inSize);
  const scale = inSize / outSize;
  for (let i = 0; i < outSize; i++) {
    if (method === "nearest") {
      m[i * inSize + Math.min(inSize - 1, Math.floor((i + 0.5) * scale))] = 1;
      continue;
    }
    const src = Math.min(inSize - 1, Math.max(0, (i + 0.5) * scale - 0.5));
    const lo = Math.floor(src);
    const hi = Math.min(lo + 1, inSize - 1);
    const frac = src - lo;
    m[i * inSize + lo] = (m[i * inSize + lo] as number) + (1 - frac);
    m[i * inSize + hi] = (m[i * inSize + hi] as number) + frac;
  }
  return makeTensor([outSize, inSize], "float32", m);
}

/**
 * Resizes images to `[height, width]`: `bilinear` (default) or `nearest` sampling. Shrinking by a
 * large factor skips pixels, as TensorFlow's resize without antialiasing does.
 *
 * @example
 * bp.image.resize(bp.ones([100, 80, 3]), [28, 28]).shape;   // => [28, 28, 3]
 * bp.image.resize(bp.tensor([[0, 1]]).reshape([1, 2, 1]), [1, 4], { method: "nearest" }).reshape([4]);   // => [0, 0, 1, 1]
 */
export function resize(image: Tensor, size: readonly [number, number], options: ResizeOptions = {}): Tensor {
  checkImage("image.resize", image);
  const [outH, outW] = size ?? [];
  if (!Number.isInteger(outH) || !Number.isInteger(outW) || (outH as number) < 1 || (outW as number) < 1) {
    throw new ValueError(`image.resize: size must be [height, width] of positive integers, got ${JSON.stringify(size)}`);
  }
  const method = options.method ?? "bilinear";
  if (method !== "bilinear" && method !== "nearest") throw new ValueError(`image.resize: method must be "bilinear" or "nearest", got ${String(method)}`);
  const batched = image.rank === 4;
  return composite(() => {
    const x = batched ? image : image.reshape([1, ...image.shape]);
    const [n, h, w, c] = x.shape as [number, number, number, number];
    // rows: [H, h] · [h, n·w·c]; then columns: [W, w] · [w, H·n·c]
    const rows = matmul(interpolation(h, outH as number, method), x.transpose([1, 0, 2, 3]).reshape([h, n * w * c]));
    const cols = matmul(interpolation(w, outW as number, method), rows.reshape([outH as number, n, w, c]).transpose([2, 0, 1, 3]).reshape([w, -1]));
    const out = cols.reshape([outW as number, outH as number, n, c]).transpose([2, 1, 0, 3]);
    return batched ? out : out.reshape([outH as number, outW as number, c]);
  });
}

/**
 * Grey images from colour ones: 0.299·R + 0.587·G + 0.114·B (ITU-R BT.601, as TensorFlow and PIL),
 * alpha dropped; the last axis becomes 1. Grey input (1 or 2 channels) keeps its first channel.
 *
 * @example
 * bp.image.toGrayscale(bp.ones([2, 2, 3])).shape;   // => [2, 2, 1]
 * bp.image.toGrayscale(bp.tensor([[[1, 0, 0]]])).item();   // => 0.299
 */
export function toGrayscale(image: Tensor): Tensor {
  checkImage("image.toGrayscale", image);
  const c = image.shape[image.rank - 1] as number;
  if (c < 1 || c > 4) throw new ShapeError(`image.toGrayscale: expected 1 to 4 channels on the last axis, got ${fmtShape(image.shape)}`);
  const weights = c <= 2 ? [1, 0] : [0.299, 0.587, 0.114, 0];
  return composite(() => {
    const w = makeTensor([c, 1], "float32", weights.slice(0, c));
    const flat = image.reshape([-1, c]);
    return matmul(flat, w.cast(image.dtype)).reshape([...image.shape.slice(0, -1), 1]);
  });
}

