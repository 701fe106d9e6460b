/**
 * Reading a text file named on the command line: only a regular file (a FIFO would block forever,
 * /dev/zero never ends) of at most `maxBytes`. A missing file is an InputError (exit 3) worded by
 * the caller; anything else refused is a FormatError (also exit 3).
 */
import { NotFoundError } from "../errors.js";
import { readRegularFile } from "../model/node-fs.js";
import { InputError } from "./exit.js";

export async function readInputText(
  path: string,
  what: string,
  missing: (detail: string) => string,
  maxBytes = 64 * 2 ** 20,
): Promise<string> {
  try {
    return new TextDecoder().decode(await readRegularFile("backprop", path, { label: path, what, maxBytes }));
  } catch (e) {
    if (e instanceof NotFoundError) throw new InputError(missing(e.message.replace(/^backprop: /, "")));
    throw e;
  }
}
