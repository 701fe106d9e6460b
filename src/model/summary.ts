/**
 * model.summary(): the Keras 3 table.
 *
 *   Model: "sequential"
 *   ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
 *   ┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
 *   ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
 *   │ dense_1 (Dense)                 │ (None, 4)              │            16 │
 *   ├─────────────────────────────────┼────────────────────────┼───────────────┤
 *   │ dense_2 (Dense)                 │ (None, 2)              │            10 │
 *   └─────────────────────────────────┴────────────────────────┴───────────────┘
 *    Total params: 26 (104.00 B)
 *    Trainable params: 26 (104.00 B)
 *    Non-trainable params: 0 (0.00 B)
 */
import { bytesPerElement } from "../backend/dtype.js";
import { classNameOf, type Layer, type Shape } from "../nn/layers/layer.js";
import type { Variable } from "../tensor/tensor.js";
import { maxOf } from "../extent.js";

/**
 * Options of model.summary: line width and column positions.
 *
 * @example
 * const lines: string[] = [];
 * const args: bp.SummaryArgs = { printFn: (line) => lines.push(line) };
 * bp.sequential([bp.layers.dense({ units: 10, inputShape: [784] })]).summary(args);
 * lines.some((l) => l.includes("7,850"));   // => true
 */
export interface SummaryArgs {
  /** Called with each line too (e.g. console.log); the table is returned either way. */
  printFn?: (line: string) => void;
}

interface SummaryModel {
  readonly name: string;
  readonly layers: readonly Layer[];
  readonly trainableWeights: Variable[];
  readonly nonTrainableWeights: Variable[];
  layerOutputShapes(): Shape[];
}

/** "(None, 28, 28, 1)" as Keras prints shapes. */
export function formatShape(shape: Shape): string {
  const dims = shape.map((d) => (d === null ? "None" : String(d)));
  return `(${dims.join(", ")}${dims.length === 1 ? "," : ""})`;
}

/** "1,234,567". */
export function withCommas(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Keras's readable memory size: "104.00 B", "18.79 KB". */
export function readableBytes(bytes: number): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(2)} ${units[u]}`;
}

function tally(ws: readonly Variable[]): { count: number; bytes: number } {
  let count = 0;
  let bytes = 0;
  for (const w of ws) {
    count += w.size;
    bytes += w.size * bytesPerElement(w.dtype);
  }
  return { count, bytes };
}

/** The summary table as one string (lines joined by "\n"). */
export function summarize(model: SummaryModel, args: SummaryArgs = {}): string {
  const shapes = model.layerOutputShapes();
  const rows = model.layers.map((l, i) => [`${l.name} (${classNameOf(l.constructor as typeof Layer)})`, formatShape(shapes[i] as Shape), withCommas(l.countParams())]);
  const headers = ["Layer (type)", "Output Shape", "Param #"];
  const widths = [31, 22, 13].map((min, c) => maxOf(rows.map((r) => r[c]!.length), Math.max(min, headers[c]!.length)));
  const cell = (text: string, c: number): string => ` ${c === 2 ? text.padStart(widths[c]!) : text.padEnd(widths[c]!)} `;
  const line = (l: string, fill: string, mid: string, r: string): string => l + widths.map((w) => fill.repeat(w + 2)).join(mid) + r;
  const row = (cells: string[], edge: string): string => edge + cells.map(cell).join(edge) + edge;
  const out = [`Model: "${model.name}"`, line("┏", "━", "┳", "┓"), row(headers, "┃"), line("┡", "━", "╇", "┩")];
  rows.forEach((r, i) => {
    out.push(row(r, "│"));
    if (i < rows.length - 1) out.push(line("├", "─", "┼", "┤"));
  });
  out.push(line("└", "─", "┴", "┘"));
  const trainable = tally(model.trainableWeights);
  const frozen = tally(model.nonTrainableWeights);
  out.push(` Total params: ${withCommas(trainable.count + frozen.count)} (${readableBytes(trainable.bytes + frozen.bytes)})`);
  out.push(` Trainable params: ${withCommas(trainable.count)} (${readableBytes(trainable.bytes)})`);
  out.push(` Non-trainable params: ${withCommas(frozen.count)} (${readableBytes(frozen.bytes)})`);
  if (args.printFn) for (const l of out) args.printFn(l);
  return out.join("\n");
}
