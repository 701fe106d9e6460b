/**
 * Per-sample weights for fit: `sampleWeight` (one weight per sample) times the `classWeight` of each
 * sample's class. The class is the argmax of a one-hot / probability row, else the (rounded) label,
 * as Keras does.
 */
import { ValueError } from "../errors.js";
import { makeTensor, type Tensor } from "../tensor/tensor.js";

export type ClassWeight = Record<number | string, number>;

/** The class index of each sample of y. */
export function classIndices(y: Tensor): Int32Array {
  const n = y.shape[0] ?? 0;
  const width = n > 0 ? y.size / n : 0;
  const data = y.dataSync();
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (width > 1) {
      let best = 0;
      for (let j = 1; j < width; j++) if ((data[i * width + j] as number) > (data[i * width + best] as number)) best = j;
      out[i] = best;
    } else {
      out[i] = Math.round(data[i] as number);
    }
  }
  return out;
}

/** Weights from a class-weight table; classes without an entry weigh 1, as in Keras 3. */
export function classWeightsFor(op: string, y: Tensor, classWeight: ClassWeight): Float32Array {
  const table = new Map<number, number>();
  for (const [k, v] of Object.entries(classWeight)) {
    const c = Number(k);
    if (!Number.isInteger(c) || c < 0) throw new ValueError(`${op}: classWeight key "${k}" is not a class index (a non-negative integer)`);
    if (!(typeof v === "number" && Number.isFinite(v) && v >= 0)) throw new ValueError(`${op}: classWeight[${k}] is ${String(v)}; expected a non-negative number`);
    table.set(c, v);
  }
  const classes = classIndices(y);
  const out = new Float32Array(classes.length);
  classes.forEach((c, i) => {
    out[i] = table.get(c) ?? 1;
  });
  return out;
}

/** sampleWeight × classWeight(y), or undefined when neither is given. */
export function combinedWeights(op: string, y: Tensor, sampleWeight: Tensor | undefined, classWeight: ClassWeight | undefined): Tensor | undefined {
  if (!classWeight) return sampleWeight;
  const cw = classWeightsFor(op, y, classWeight);
  if (sampleWeight) {
    const sw = sampleWeight.dataSync();
    for (let i = 0; i < cw.length; i++) cw[i] = (cw[i] as number) * (sw[i] as number);
  }
  return makeTensor([cw.length], "float32", cw);
}
