/**
 * Weight penalties added to the training loss (and reported by evaluate): L1 = l1·Σ|w|,
 * L2 = l2·Σw² (no ½, as in Keras), L1L2 both.
 *
 *   bp.layers.dense({ units: 8, kernelRegularizer: bp.regularizers.l2({ l2: 0.01 }) });
 *   bp.regularizers.l1({ l1: 0.1 }).apply(w);   // scalar tensor
 */
import { NotFoundError, ValueError } from "../errors.js";
import type { Tensor } from "../tensor/tensor.js";
import { didYouMean } from "../suggest.js";

/**
 * A weight penalty added to the loss: l1, l2 or both.
 *
 * @example
 * const maxNormPenalty: bp.regularizers.Regularizer = {
 *   className: "MaxSquare",
 *   apply: (w) => w.square().max().mul(0.01),
 *   getConfig: () => ({}),
 * };
 * maxNormPenalty.apply(bp.tensor([1, -3])).item();   // => 0.09
 */
export interface Regularizer {
  readonly className: string;
  /** The penalty of one weight: a scalar, differentiable with respect to w. */
  apply(w: Tensor): Tensor;
  getConfig(): Record<string, unknown>;
}

/**
 * A regularizer as saved with a model: class name and factors.
 *
 * @example
 * const config: bp.regularizers.RegularizerConfig = { className: "L1L2", config: { l1: 0, l2: 0.001 } };
 * bp.regularizers.getRegularizer(config)!.apply(bp.tensor([10])).item();   // => 0.1
 */
export interface RegularizerConfig {
  className: string;
  config: Record<string, unknown>;
}

function factor(op: string, key: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0) throw new ValueError(`${op}: ${key} must be a non-negative finite number, got ${String(v)}`);
  return v;
}

class L1L2 implements Regularizer {
  constructor(
    readonly className: "L1" | "L2" | "L1L2",
    private readonly l1: number,
    private readonly l2: number,
  ) {}

  apply(w: Tensor): Tensor {
    const x = w.dtype === "int32" ? w.cast("float32") : w;
    if (this.className === "L1") return x.abs().sum().mul(this.l1);
    if (this.className === "L2") return x.square().sum().mul(this.l2);
    return x.abs().sum().mul(this.l1).add(x.square().sum().mul(this.l2));
  }

  getConfig(): Record<string, unknown> {
    if (this.className === "L1") return { l1: this.l1 };
    if (this.className === "L2") return { l2: this.l2 };
    return { l1: this.l1, l2: this.l2 };
  }
}

/**
 * l1·Σ|w| (default l1 = 0.01).
 *
 * @example
 * bp.regularizers.l1({ l1: 0.01 }).apply(bp.tensor([1, -2])).item();   // => 0.03
 */
export function l1(args: { l1?: number } = {}): Regularizer {
  return new L1L2("L1", factor("l1", "l1", args.l1 ?? 0.01), 0);
}

/**
 * l2·Σw² (default l2 = 0.01).
 *
 * @example
 * bp.regularizers.l2({ l2: 0.01 }).apply(bp.tensor([1, -2])).item();   // => 0.05
 */
export function l2(args: { l2?: number } = {}): Regularizer {
  return new L1L2("L2", 0, factor("l2", "l2", args.l2 ?? 0.01));
}

/**
 * l1·Σ|w| + l2·Σw² (defaults 0.01 each, as keras.regularizers.l1_l2).
 *
 * @example
 * bp.regularizers.l1l2({ l1: 0.1, l2: 0.01 }).apply(bp.tensor([1, -2])).item();   // => 0.35
 */
export function l1l2(args: { l1?: number; l2?: number } = {}): Regularizer {
  return new L1L2("L1L2", factor("l1l2", "l1", args.l1 ?? 0.01), factor("l1l2", "l2", args.l2 ?? 0.01));
}

const factories: Record<string, (c: Record<string, unknown>) => Regularizer> = {
  l1: (c) => l1(c),
  l2: (c) => l2(c),
  l1l2: (c) => l1l2(c),
};

function lookup(name: string): (c: Record<string, unknown>) => Regularizer {
  const f = factories[name.replace(/_/g, "").toLowerCase()];
  if (!f) throw new NotFoundError(`getRegularizer: unknown regularizer "${name}"${didYouMean(name, ["l1", "l2", "l1l2"])}; expected one of "l1", "l2", "l1l2"`);
  return f;
}

/**
 * Resolves a regularizer given by name ("l2", defaults), as an object, or as `{ className, config }`; null stays null.
 *
 * @example
 * bp.regularizers.getRegularizer("l2")!.getConfig();   // => { l2: 0.01 }
 * bp.regularizers.getRegularizer(null);   // => null
 */
export function getRegularizer(spec: string | Regularizer | RegularizerConfig | null | undefined): Regularizer | null {
  if (spec === undefined || spec === null) return null;
  if (typeof spec === "string") return lookup(spec)({});
  if (typeof spec === "object") {
    if ("apply" in spec && typeof spec.apply === "function") return spec;
    if ("className" in spec && typeof spec.className === "string") {
      const config = "config" in spec && spec.config !== null && typeof spec.config === "object" ? spec.config : {};
      return lookup(spec.className)(config);
    }
  }
  throw new ValueError(`getRegularizer: expected a regularizer name, a regularizer or { className, config }, got ${JSON.stringify(spec)}`);
}

/**
 * The serialized form (null for none).
 *
 * @example
 * bp.regularizers.serializeRegularizer(bp.regularizers.l1({ l1: 0.001 }));   // => { className: "L1", config: { l1: 0.001 } }
 */
export function serializeRegularizer(r: Regularizer | null): RegularizerConfig | null {
  return r === null ? null : { className: r.className, config: r.getConfig() };
}
