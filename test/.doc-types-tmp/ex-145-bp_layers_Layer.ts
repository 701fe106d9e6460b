import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
class Scale extends bp.layers.Layer {
  static override className = "Scale";
  scale!: bp.Variable;
  override build(inputShape: bp.layers.Shape): void {
    this.scale = this.addWeight("scale", [inputShape[inputShape.length - 1]!], bp.initializers.ones());
  }
  call(x: bp.Tensor): bp.Tensor {
    return x.mul(this.scale);
  }
}
const layer = new Scale({ inputShape: [3] });
layer.apply(bp.tensor([[1, 2, 3]]));   // => [[1, 2, 3]]
layer.countParams();   // => 3
}
