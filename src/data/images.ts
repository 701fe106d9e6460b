/** Image files as tensors (Node): the file is read with a dynamic import, so browsers never load node:fs. */
import { BackpropError } from "../errors.js";
import { decodePng, type DecodePngOptions } from "../image/png.js";
import type { Tensor } from "../tensor/tensor.js";

/**
 * Reads a PNG file into a float32 tensor [height, width, channels] with values in [0, 1] (Node only;
 * in a browser, fetch the bytes and call decodePng). Errors name the file.
 *
 * @example
 * import { mkdtempSync, writeFileSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import { join } from "node:path";
 * const file = join(mkdtempSync(join(tmpdir(), "bp-")), "digit.png");
 * writeFileSync(file, bp.data.encodePng(bp.rand([28, 28, 1], { seed: 1 })));
 * const img = await bp.data.loadImage(file, { channels: 1 });
 * img.shape;   // => [28, 28, 1]
 */
export async function loadImage(path: string, options: DecodePngOptions = {}): Promise<Tensor> {
  if (typeof process === "undefined" || !process.versions?.node) {
    throw new BackpropError("data.loadImage: reads files, which needs Node.js; in a browser fetch the bytes and use bp.data.decodePng");
  }
  const { readBytes } = await import("./node/files.js");
  const bytes = await readBytes("loadImage", path, "a PNG image");
  try {
    return decodePng(bytes, options);
  } catch (e) {
    if (e instanceof BackpropError) e.message = `loadImage: ${path}: ${e.message.replace(/^decodePng: /, "")}`;
    throw e;
  }
}
