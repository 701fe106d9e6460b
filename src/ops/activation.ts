/** Activation functions, composed from primitives and numerically stable for large |x|. */
import * as P from "../autograd/primitives/index.js";
import { bool } from "../options.js";
import { normalizeAxis } from "../tensor/shape.js";
import type { Tensor } from "../tensor/tensor.js";
import { checkTensor, composite, finiteAttr } from "./convert.js";

/**
 * max(x, 0); relu'(0) = 0 and relu(NaN) = NaN, as in PyTorch.
 *
 * @example
 * bp.relu(bp.tensor([-1, 0, 2]));   // => [0, 0, 2]
 */
export function relu(x: Tensor): Tensor {
  checkTensor("relu", x);
  return P.relu([x], {});
}

/**
 * min(max(x, 0), 6).
 *
 * @example
 * bp.relu6(bp.tensor([-1, 3, 8]));   // => [0, 3, 6]
 */
export function relu6(x: Tensor): Tensor {
  checkTensor("relu6", x);
  return composite(() => relu(x).clip(0, 6));
}

/**
 * x for x > 0, alpha·x otherwise (alpha defaults to 0.2, as in TensorFlow.js).
 *
 * @example
 * bp.leakyRelu(bp.tensor([-1, 2]), 0.1);   // => [-0.1, 2]
 */
export function leakyRelu(x: Tensor, alpha = 0.2): Tensor {
  checkTensor("leakyRelu", x);
  finiteAttr("leakyRelu", "alpha", alpha);
  return composite(() => x.greater(0).where(x, x.mul(alpha)));
}

/**
 * x for x > 0, alpha·(e^x - 1) otherwise.
 *
 * @example
 * bp.elu(bp.tensor([0, 1])).toArray();   // => [0, 1]
 * bp.elu(bp.tensor([-1])).item();   // => -0.6321206
 */
export function elu(x: Tensor, alpha = 1): Tensor {
  checkTensor("elu", x);
  finiteAttr("elu", "alpha", alpha);
  // exp of the masked value keeps the unused branch finite; masking with where (not minimum) keeps
  // the full gradient at 0, where PyTorch's elu' = alpha
  return composite(() => {
    const pos = x.greater(0);
    return pos.where(x, pos.where(0, x).exp().sub(1).mul(alpha));
  });
}

/**
 * Scaled ELU with the self-normalizing constants.
 *
 * @example
 * bp.selu(bp.tensor([1])).item();   // => 1.050701
 */
export function selu(x: Tensor): Tensor {
  checkTensor("selu", x);
  return composite(() => elu(x, 1.6732632423543772).mul(1.0507009873554805));
}

/**
 * 1/(1 + e^-x), without overflow.
 *
 * @example
 * bp.sigmoid(bp.tensor([0, 100, -100]));   // => [0.5, 1, 0]
 */
export function sigmoid(x: Tensor): Tensor {
  return P.sigmoid([checkTensor("sigmoid", x)], {});
}

/**
 * Hyperbolic tangent.
 *
 * @example
 * bp.tanh(bp.tensor([0, 100]));   // => [0, 1]
 */
export function tanh(x: Tensor): Tensor {
  return P.tanh([checkTensor("tanh", x)], {});
}

/**
 * clip(x, -1, 1).
 *
 * @example
 * bp.hardTanh(bp.tensor([-3, 0.5, 3]));   // => [-1, 0.5, 1]
 */
export function hardTanh(x: Tensor): Tensor {
  return checkTensor("hardTanh", x).clip(-1, 1);
}

/**
 * clip(0.2·x + 0.5, 0, 1), as in Keras.
 *
 * @example
 * bp.hardSigmoid(bp.tensor([-5, 0, 5]));   // => [0, 0.5, 1]
 */
export function hardSigmoid(x: Tensor): Tensor {
  checkTensor("hardSigmoid", x);
  return composite(() => x.mul(0.2).add(0.5).clip(0, 1));
}

/**
 * x / (1 + |x|).
 *
 * @example
 * bp.softsign(bp.tensor([1, -3]));   // => [0.5, -0.75]
 */
export function softsign(x: Tensor): Tensor {
  checkTensor("softsign", x);
  return composite(() => x.div(x.abs().add(1)));
}

/**
 * log(1 + e^x) = max(x, 0) + log1p(e^-|x|), stable for any x.
 *
 * @example
 * bp.softplus(bp.tensor([0])).item();   // => 0.6931472
 */
export function softplus(x: Tensor): Tensor {
  checkTensor("softplus", x);
  return composite(() => relu(x).add(x.abs().neg().exp().log1p()));
}

/**
 * x·σ(x) (SiLU).
 *
 * @example
 * bp.swish(bp.tensor([0, 1]));   // => [0, 0.7310586]
 */
export function swish(x: Tensor): Tensor {
  checkTensor("swish", x);
  return composite(() => x.mul(sigmoid(x)));
}

/**
 * x·Φ(x) = x·½(1 + erf(x/√2)), the exact form (Keras 3's and TensorFlow.js's default); with
 * `approximate` true, the tanh approximation ½x(1 + tanh(√(2/π)(x + 0.044715x³))) of GPT-2.
 *
 * @example
 * bp.gelu(bp.tensor([-1, 0, 1]));   // => [-0.1586553, 0, 0.8413447]
 * bp.gelu(bp.tensor([0, 1]), true);   // => [0, 0.841192]
 */
export function gelu(x: Tensor, approximate = false): Tensor {
  checkTensor("gelu", x);
  const tanhForm = bool("gelu", "approximate", approximate, false);
  return composite(() => {
    if (!tanhForm) return x.mul(0.5).mul(P.erf([x.mul(Math.SQRT1_2)], {}).add(1));
    const inner = x.add(x.pow(3).mul(0.044715)).mul(Math.sqrt(2 / Math.PI));
    return x.mul(0.5).mul(tanh(inner).add(1));
  });
}

/**
 * log σ(x) = -softplus(-x).
 *
 * @example
 * bp.logSigmoid(bp.tensor([0])).item();   // => -0.6931472
 */
export function logSigmoid(x: Tensor): Tensor {
  checkTensor("logSigmoid", x);
  return composite(() => softplus(x.neg()).neg());
}

/**
 * The logits `p` is the last-axis softmax of, when a loss may use them in p's place (as Keras, the
 * cross-entropy losses take the log-softmax of the logits instead of the log of the probabilities:
 * exact where probabilities round to 0 or 1, and a training step saves the softmax's gradient, the
 * clip and the log) — not when they were disposed, and not when p is itself a leaf of a gradient (its
 * own gradient is asked for, so the loss must go through p).
 *
 * @example
 * const p = bp.softmax(bp.tensor([[1, 2, 3]]));
 * bp.softmaxLogits(p);   // => [[1, 2, 3]]
 * bp.softmaxLogits(bp.tensor([[0.2, 0.8]]));   // => undefined
 */
export function softmaxLogits(p: Tensor): Tensor | undefined {
  const z = p.softmaxOf;
  if (!z || z.isDisposed || (p.requiresGrad && !p.node)) return undefined;
  return z;
}

/**
 * e^x / Σ e^x along `axis` (default -1), stable for logits of any size.
 *
 * @example
 * bp.softmax(bp.tensor([[1, 1], [0, Math.log(3)]]));   // => [[0.5, 0.5], [0.25, 0.75]]
 */
export function softmax(x: Tensor, axis = -1): Tensor {
  checkTensor("softmax", x);
  const a = normalizeAxis("softmax", axis, x.rank);
  const p = composite(() => logSoftmax(x, a).exp());
  if (a === x.rank - 1) p.softmaxOf = x;
  return p;
}

/**
 * x - logΣe^x along `axis` (default -1).
 *
 * @example
 * bp.logSoftmax(bp.tensor([0, 0])).toArray();   // => [-0.6931472, -0.6931472]
 */
export function logSoftmax(x: Tensor, axis = -1): Tensor {
  checkTensor("logSoftmax", x);
  const a = normalizeAxis("logSoftmax", axis, x.rank);
  return P.logSoftmax([x], { axis: a });
}
