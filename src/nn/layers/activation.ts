/**
 * Applies an activation function element-wise (softmax: over the last axis).
 *
 *   bp.layers.activation({ activation: "relu" }).apply(bp.tensor([[-1, 2]]));   // [[0, 2]]
 */
import type { Tensor } from "../../tensor/tensor.js";
import type { ActivationFn } from "../activations.js";
import { Layer, registerLayer, type LayerArgs, type Shape } from "./layer.js";
import * as opt from "./options.js";

/**
 * Options of the activation layer: the activation by name or function.
 *
 * @example
 * const args: bp.layers.ActivationArgs = { activation: "tanh", name: "squash" };
 * bp.layers.activation(args).name;   // => "squash"
 */
export interface ActivationArgs extends LayerArgs {
  activation: opt.ActivationSpec;
}

/**
 * Applies an activation function to its input.
 *
 * @example
 * const layer = new bp.layers.Activation({ activation: "relu" });
 * layer.apply(bp.tensor([-1, 2]));   // => [0, 2]
 */
export class Activation extends Layer {
  static override className = "Activation";
  readonly activation: ActivationFn;

  constructor(args: ActivationArgs) {
    super(args);
    this.activation = opt.activation(this.label, opt.argsOf(args).activation);
  }

  override build(_inputShape: Shape): void {
    this.inputSpec = {};
  }

  call(x: Tensor): Tensor {
    return this.activation(x);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return [...inputShape];
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), activation: opt.activationName(this.activation) };
  }
}

/**
 * `bp.layers.activation({ activation: "softmax" })`.
 *
 * @example
 * bp.layers.activation({ activation: "softmax" }).apply(bp.tensor([[1, 1]]));   // => [[0.5, 0.5]]
 */
export function activation(args: ActivationArgs): Activation {
  return new Activation(args);
}

registerLayer(Activation);
