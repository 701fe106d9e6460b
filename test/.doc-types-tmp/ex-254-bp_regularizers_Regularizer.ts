import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const maxNormPenalty: bp.regularizers.Regularizer = {
  className: "MaxSquare",
  apply: (w) => w.square().max().mul(0.01),
  getConfig: () => ({}),
};
maxNormPenalty.apply(bp.tensor([1, -3])).item();   // => 0.09
}
