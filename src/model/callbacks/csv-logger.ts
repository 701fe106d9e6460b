/**
 * csvLogger: appends each epoch's figures to a CSV file (Node only), header `epoch,<sorted figures>`.
 *
 *   callbacks: [bp.callbacks.csvLogger({ filename: "runs/log.csv" })]
 */
import { ValueError } from "../../errors.js";
import { nodeModules } from "../node-fs.js";
import { Callback, type Logs } from "./callback.js";

/** Options of csvLogger: the file, the separator and whether to append. */
export interface CsvLoggerArgs {
  filename: string;
  /** Field separator (default ","). */
  separator?: string;
  /** Append to an existing file instead of overwriting it (default false). */
  append?: boolean;
}

/** Appends each epoch's logs as a row of a CSV file (Node). */
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

/** Factory: `bp.callbacks.csvLogger({ filename: "log.csv" })`. */
export function csvLogger(args: CsvLoggerArgs): CsvLogger {
  return new CsvLogger(args);
}
