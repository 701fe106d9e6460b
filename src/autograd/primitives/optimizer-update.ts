import type { OptimizerUpdateAttrs } from "../../backend/kernel-attrs.js";
import { ValueError } from "../../errors.js";
import { primitive } from "../primitive.js";
import { checkUpdate } from "./update-checks.js";

/** The inputs each rule takes: [p, g, ...slots]. */
export function updateInputs(a: OptimizerUpdateAttrs): string[] {
  switch (a.rule) {
    case "sgd":
      return ["p", "g"];
    case "momentum":
      return ["p", "g", "velocity"];
    case "rmsprop":
      return ["p", "g", "velocity", ...(a.centered ? ["averageGradient"] : []), ...(a.momentum > 0 ? ["momentum"] : [])];
    case "adagrad":
      return ["p", "g", "accumulator"];
    case "adadelta":
      return ["p", "g", "accumulatedGrad", "accumulatedDelta"];
    case "adamax":
      return ["p", "g", "m", "u"];
    case "nadam":
      return ["p", "g", "m", "v"];
  }
  throw new ValueError(`optimizerUpdate: unknown rule ${JSON.stringify((a as { rule: unknown }).rule)}; expected sgd, momentum, rmsprop, adagrad, adadelta, adamax or nadam`);
}

/**
 * One step of SGD (plain or momentum), RMSprop, Adagrad, Adadelta, Adamax or Nadam over a parameter
 * in a single pass (what those optimizers call; not differentiable; Adam has adamUpdate). Inputs
 * [p, g, ...slots] (see updateInputs) share one float dtype and shape; the slots are updated in place
 * — they must be the optimizer's own slot variables — and the new parameter is returned. The rules
 * are spelled out at OptimizerUpdateAttrs.
 *
 *   const p2 = optimizerUpdate([p, g, velocity], { rule: "momentum", lr: 0.1, momentum: 0.9, nesterov: false });
 */
export const optimizerUpdate = primitive({
  name: "optimizerUpdate",
  output: (inputs, a) => checkUpdate(`optimizerUpdate (${String(a.rule)})`, updateInputs(a), inputs, { ...a }),
});
