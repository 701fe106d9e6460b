import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
class Scale extends bp.layers.Layer {
  static override className = "Scale";
  call(x: bp.Tensor): bp.Tensor {
    return x.mul(2);
  }
}
bp.layers.registerLayer(Scale);   // saved models holding a "Scale" layer can now be loaded
bp.layers.layerFromConfig("Scale", {}).apply(bp.tensor([1]));   // => [2]
}
