/** The layer registry: Keras class name → class, so saved models can be rebuilt (layerFromConfig). */
import { NotFoundError, ValueError } from "../../errors.js";
import type { Layer } from "./layer.js";
import { classNameOf } from "./naming.js";
import { didYouMean } from "../../suggest.js";

/**
 * A concrete layer class: a constructor taking its options object, with a static className.
 *
 * @example
 * const cls: bp.layers.LayerClass = bp.layers.Dense;
 * cls.className;   // => "Dense"
 */
export interface LayerClass {
  new (args: never): Layer;
  className: string;
  name: string;
}

const registry = new Map<string, LayerClass>();

/**
 * Registers a layer class under its className so layerFromConfig (and model loading) can rebuild it.
 *
 * @example
 * class Scale extends bp.layers.Layer {
 *   static override className = "Scale";
 *   call(x: bp.Tensor): bp.Tensor {
 *     return x.mul(2);
 *   }
 * }
 * bp.layers.registerLayer(Scale);   // saved models holding a "Scale" layer can now be loaded
 * bp.layers.layerFromConfig("Scale", {}).apply(bp.tensor([1]));   // => [2]
 */
export function registerLayer(cls: LayerClass, className: string = classNameOf(cls)): void {
  if (typeof cls !== "function") throw new ValueError(`registerLayer: expected a Layer subclass, got ${typeof cls}`);
  registry.set(className, cls);
}

/**
 * The registered class names.
 *
 * @example
 * bp.layers.registeredLayers().includes("Conv2D");   // => true
 */
export function registeredLayers(): string[] {
  return [...registry.keys()];
}

/**
 * Rebuilds a layer from its Keras class name and getConfig() (weights are new; set them after).
 *
 * @example
 * const dense = bp.layers.dense({ units: 4, activation: "relu" });
 * const copy = bp.layers.layerFromConfig("Dense", dense.getConfig()) as bp.layers.Dense;
 * copy.units;   // => 4
 */
export function layerFromConfig(className: string, config: Record<string, unknown>): Layer {
  const cls = registry.get(className);
  if (!cls) {
    throw new NotFoundError(`layerFromConfig: unknown layer class "${className}"${didYouMean(className, registeredLayers())}; expected one of ${registeredLayers().map((n) => `"${n}"`).join(", ")} (register your own with registerLayer)`);
  }
  return new (cls as unknown as new (c: Record<string, unknown>) => Layer)({ ...config });
}
