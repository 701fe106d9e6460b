/** `backprop export`: writes a saved model (a run directory or any format loadModel reads) in another format. */
import { MODEL_FORMATS, type ModelFormat } from "../model/index.js";
import { UsageError } from "./exit.js";
import { printJson, type CliIO } from "./io.js";
import { openModel } from "./run-files.js";

export interface ExportOptions {
  model: string;
  format: string;
  out: string;
  torchNames: boolean;
  json: boolean;
}

/** Runs `backprop export`. */
export async function exportModel(o: ExportOptions, io: CliIO): Promise<void> {
  if (!MODEL_FORMATS.includes(o.format as ModelFormat)) throw new UsageError(`--format must be one of ${MODEL_FORMATS.join(", ")}, got ${o.format}`);
  if (o.torchNames && o.format !== "safetensors") throw new UsageError("--torch-names applies to --format safetensors");
  const { model, modelDir } = await openModel(o.model);
  await model.save(o.out, { format: o.format as ModelFormat, torchNames: o.torchNames });
  if (o.json) printJson(io, { command: "export", model: modelDir, format: o.format, out: o.out });
  else io.out.write(`Wrote ${o.out} (${o.format}) from ${modelDir}\n`);
}
