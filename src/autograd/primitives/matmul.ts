import { promote } from "../../backend/dtype.js";
import { fmtShape, ShapeError } from "../../errors.js";
import { broadcastShapes } from "../../tensor/shape.js";
import { primitive } from "../primitive.js";
import { checkEpilogue, epilogueGrad } from "./epilogue.js";
import { input } from "./rules.js";

/**
 * Batched matrix product op(a) · op(b) over the last two axes, batch axes broadcast; op transposes
 * when asked, so backward passes need no explicit transpose:
 *   C = A·B   → dA = G·Bᵀ, dB = Aᵀ·G     (and the three transposed variants below)
 * It may carry a fused epilogue (a bias [n] and relu, see epilogue.ts), whose gradient comes first.
 */
export const matmul = primitive({
  name: "matmul",
  output: (inputs, { transposeA, transposeB, activation }) => {
    const a = input("matmul", inputs, 0);
    const b = input("matmul", inputs, 1);
    if (a.rank < 2 || b.rank < 2) {
      throw new ShapeError(`matmul: operands must have rank ≥ 2 here, got ${fmtShape(a.shape)} x ${fmtShape(b.shape)}`);
    }
    const [m, ka] = transposeA ? [a.shape[a.rank - 1], a.shape[a.rank - 2]] : [a.shape[a.rank - 2], a.shape[a.rank - 1]];
    const [kb, n] = transposeB ? [b.shape[b.rank - 1], b.shape[b.rank - 2]] : [b.shape[b.rank - 2], b.shape[b.rank - 1]];
    if (ka !== kb) {
      const t = transposeA || transposeB ? ` (transposeA=${transposeA}, transposeB=${transposeB})` : "";
      throw new ShapeError(`matmul: inner dimensions differ: ${fmtShape(a.shape)} x ${fmtShape(b.shape)}${t}`);
    }
    const batch = broadcastShapes("matmul", a.shape.slice(0, -2), b.shape.slice(0, -2));
    checkEpilogue("matmul", inputs, n as number, activation);
    const dtype = promote(a.dtype, b.dtype);
    return { shape: [...batch, m as number, n as number], dtype: inputs[2] ? promote(dtype, inputs[2].dtype) : dtype };
  },
  // a gradient nobody asked for (say, of a network's input batch) is not computed
  vjp: (g0, [a, b, bias], out, { transposeA: ta, transposeB: tb, activation }) => {
    const [g, gb] = epilogueGrad(g0, out, bias, activation);
    const da = !a!.requiresGrad ? null
      : !ta && !tb ? g.matmul(b!, false, true)
      : !ta && tb ? g.matmul(b!, false, false)
      : ta && !tb ? b!.matmul(g, false, true)
      : b!.matmul(g, true, true);
    const db = !b!.requiresGrad ? null
      : !ta && !tb ? a!.matmul(g, true, false)
      : !ta && tb ? g.matmul(a!, true, false)
      : ta && !tb ? a!.matmul(g, false, false)
      : g.matmul(a!, true, true);
    return [da?.sumTo(a!.shape) ?? null, db?.sumTo(b!.shape) ?? null, gb];
  },
});
