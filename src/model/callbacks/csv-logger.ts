/**
 * csvLogger: appends each epoch's figures to a CSV file (Node only), header `epoch,<sorted figures>`.
 *
 *   callbacks: [bp.callbacks.csvLogger({ filename: "runs/log.csv" })]
 */
import { ValueError } from "../../errors.js";
import { nodeModules } from "../node-fs.js";
import { Callback, type Logs } from "./callback.js";

/**
 * Options of csvLogger: the file, the separator and whether to append.
 *
 * @example
 * const args: bp.callbacks.CsvLoggerArgs = { filename: "runs/log.csv", separator: ";", append: true };
 * bp.callbacks.csvLogger(args).append;   // => true
 */
export interface CsvLoggerArgs {
  filename: string;
  /** Field separator (default ","). */
  separator?: string;
  /** Append to an existing file instead of overwriting it (default false). */
  append?: boolean;
}

/**
 * Appends each epoch's logs as a row of a CSV file (Node).
 *
 * @example
 * import { mkdtempSync, readFileSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import { join } from "node:path";
 * const file = join(mkdtempSync(join(tmpdir(), "bp-")), "log.tsv");
 * const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [2] })]);
 * model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
 * await model.fit(bp.ones([8, 2]), bp.ones([8, 1]), { epochs: 2, verbose: 0, callbacks: [new bp.callbacks.CsvLogger({ filename: file, separator: "\t" })] });
 * readFileSync(file, "utf8").split("\n")[0];   // => "epoch\tloss\tlr"
 */
export class CsvLogger extends Callback {
  readonly filename: string;
  readonly separator: string;
  readonly append: boolean;
  private keys: string[] | undefined;
  private needHeader = true;

  constructor(args: CsvLoggerArgs) {
    super();
    if (typeof args?.filename !== "string" || args.filename === "") throw new ValueError("csvLogger: filename must be a non-empty string");
    this.filename = args.filename;
    this.separator = args.separator ?? ",";
    this.append = args.append ?? false;
  }

  async onTrainBegin(): Promise<void> {
    const { fs, path } = await nodeModules("csvLogger");
    this.keys = undefined;
    await fs.mkdir(path.dirname(path.resolve(this.filename)), { recursive: true });
    let existing = "";
    if (this.append) existing = await fs.readFile(this.filename, "utf8").catch(() => "");
    this.needHeader = existing.trim() === "";
    if (!this.append || existing === "") await fs.writeFile(this.filename, "");
  }

  async onEpochEnd(epoch: number, logs: Logs = {}): Promise<void> {
    const { fs } = await nodeModules("csvLogger");
    this.keys ??= Object.keys(logs).sort();
    const keys = this.keys;
    let text = "";
    if (this.needHeader) {
      text += ["epoch", ...keys].join(this.separator) + "\n";
      this.needHeader = false;
    }
    text += [String(epoch), ...keys.map((k) => (logs[k] === undefined ? "" : String(logs[k])))].join(this.separator) + "\n";
    await fs.appendFile(this.filename, text);
  }
}

/**
 * Factory: `bp.callbacks.csvLogger({ filename: "log.csv" })`.
 *
 * @example
 * import { mkdtempSync, readFileSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import { join } from "node:path";
 * const file = join(mkdtempSync(join(tmpdir(), "bp-")), "training.csv");
 * const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [2] })]);
 * model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
 * await model.fit(bp.ones([8, 2]), bp.ones([8, 1]), { epochs: 3, verbose: 0, callbacks: [bp.callbacks.csvLogger({ filename: file })] });
 * readFileSync(file, "utf8").trim().split("\n").length;   // => 4
 */
export function csvLogger(args: CsvLoggerArgs): CsvLogger {
  return new CsvLogger(args);
}
