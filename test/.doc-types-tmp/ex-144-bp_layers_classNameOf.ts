import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
class Scale extends bp.layers.Layer {
  call(x: bp.Tensor): bp.Tensor {
    return x.mul(2);
  }
}
bp.layers.classNameOf(Scale);   // => "Scale"
bp.layers.classNameOf(bp.layers.Dense);   // => "Dense"
}
