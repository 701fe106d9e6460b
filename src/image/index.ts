/**
 * `bp.image`: images as tensors — resize, toGrayscale, and PNG bytes in and out (also under bp.data).
 *
 *   const img = bp.image.toGrayscale(bp.image.resize(bp.data.decodePng(bytes), [28, 28]));
 */
export { decodePng, encodePng, MAX_PNG_PIXELS, type DecodePngOptions } from "./png.js";
export { resize, toGrayscale, type ResizeOptions } from "./transform.js";
