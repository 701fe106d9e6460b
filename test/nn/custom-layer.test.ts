/**
 * Users extend bp.layers.Layer and pass any differentiable function as an activation: both work
 * with apply, autodiff (checked against central differences), input validation, output-shape
 * inference, getConfig and the registry used by model loading.
 */
import { describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { expectSame, F64, thrown } from "./helpers.js";

/** y = x · w + b with a learnable per-feature scale, written as a user would. */
class ScaledLinear extends bp.layers.Layer {
  static override className = "ScaledLinear";
  readonly units: number;
  w!: bp.Variable;
  s!: bp.Variable;

  constructor(args: bp.layers.LayerArgs & { units: number }) {
    super(args);
    this.units = args.units;
  }

  override build(shape: bp.layers.Shape): void {
    this.w = this.addWeight("w", [shape[shape.length - 1]!, this.units], bp.initializers.glorotNormal({ seed: 1 }), { regularizer: bp.regularizers.l2() });
    this.s = this.addWeight("s", [this.units], bp.initializers.ones());
  }

  call(x: bp.Tensor): bp.Tensor {
    return x.matmul(this.w).mul(this.s).tanh();
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), units: this.units };
  }
}

/** A layer without weights and without a declared className. */
class Doubler extends bp.layers.Layer {
  call(x: bp.Tensor): bp.Tensor {
    return x.mul(2);
  }
}

describe("a user-defined layer", () => {
  test("builds on first apply, names itself, and differentiates", () => {
    const layer = new ScaledLinear({ units: 3, dtype: "float64" });
    expect(layer.name).toMatch(/^scaled_linear_\d+$/);
    expect(layer.built).toBe(false);
    const x = bp.rand([4, 5], { seed: 2, dtype: "float64" });
    const y = layer.apply(x);
    expect(y.shape).toEqual([4, 3]);
    expect(layer.built).toBe(true);
    expect(layer.weights.map((w) => w.name)).toEqual([`${layer.name}/w`, `${layer.name}/s`]);
    expect(layer.countParams()).toBe(18);
    expect(layer.regularizationLosses()).toHaveLength(1);
    expect(bp.checkGrad((t: bp.Tensor) => layer.apply(t).sum(), x, { eps: 1e-6 }).maxRelError).toBeLessThan(1e-6);
    const { grads } = bp.valueAndGrads(() => layer.apply(x).square().sum(), layer.trainableWeights);
    expect(grads.map((g) => g.shape)).toEqual([[5, 3], [3]]);
    // d/ds of sum(tanh(z·s)²) at s = 1 is Σ 2·tanh(z)·(1 - tanh²(z))·z, with z = x·w
    const z = x.matmul(layer.w);
    const t = z.tanh();
    expectSame(grads[1]!, t.mul(2).mul(t.square().neg().add(1)).mul(z).sum(0), F64);
  });

  test("apply checks the input against the built shape by default", () => {
    const layer = new ScaledLinear({ units: 2 });
    layer.apply(bp.ones([3, 4]));
    layer.apply(bp.ones([7, 4]));
    const e = thrown(() => layer.apply(bp.ones([3, 5])));
    expect(e).toBeInstanceOf(bp.ShapeError);
    expect(e.message).toBe(`${layer.name} (ScaledLinear): expected input shape [null,4], got input shape [3,5]`);
  });

  test("computeOutputShape by default runs the layer on a probe", () => {
    const layer = new ScaledLinear({ units: 6 });
    expect(layer.computeOutputShape([null, 3])).toEqual([null, 6]);
    expect(new Doubler().computeOutputShape([null, 2, 5])).toEqual([null, 2, 5]);
  });

  test("a class without className is named after its JS class", () => {
    const d = new Doubler();
    expect(d.name).toMatch(/^doubler_\d+$/);
    expect(bp.layers.classNameOf(Doubler)).toBe("Doubler");
    const e = thrown(() => d.countParams());
    expect(e).toBeInstanceOf(bp.ValueError);
    expect(e.message).toBe(`${d.name} (Doubler): countParams needs the layer built; apply it to an input or give inputShape first`);
    d.apply(bp.ones([1, 2]));
    expect(d.countParams()).toBe(0);
  });

  test("registerLayer lets layerFromConfig rebuild it from its config", () => {
    bp.layers.registerLayer(ScaledLinear);
    const layer = new ScaledLinear({ units: 2, name: "mine", inputShape: [3] });
    const config = JSON.parse(JSON.stringify(layer.getConfig())) as Record<string, unknown>;
    expect(config).toEqual({ name: "mine", trainable: true, dtype: "float32", batchInputShape: [null, 3], units: 2 });
    const back = bp.layers.layerFromConfig("ScaledLinear", config);
    expect(back).toBeInstanceOf(ScaledLinear);
    expect(back.getConfig()).toEqual(config);
    expect(bp.layers.registeredLayers()).toContain("ScaledLinear");
  });

  test("layerFromConfig with an unknown class is a NotFoundError naming the registered ones", () => {
    const e = thrown(() => bp.layers.layerFromConfig("Dense2", {}));
    expect(e).toBeInstanceOf(bp.NotFoundError);
    expect(e.message).toMatch(/^layerFromConfig: unknown layer class "Dense2" \(did you mean "Dense"\?\); expected one of .*"Dense".*"LSTM".*register your own with registerLayer/);
  });
});

describe("a custom activation function", () => {
  const mish = (x: bp.Tensor): bp.Tensor => x.mul(x.softplus().tanh());

  test("works in dense and conv2d, forward and backward", () => {
    const d = bp.layers.dense({ units: 3, activation: mish, dtype: "float64" });
    const x = bp.rand([2, 4], { seed: 3, minval: -2, maxval: 2, dtype: "float64" });
    const y = d.apply(x);
    const z = x.matmul(d.weights[0]!).add(d.weights[1]!);
    expectSame(y, mish(z));
    expect(bp.checkGrad((t: bp.Tensor) => d.apply(t).sum(), x, { eps: 1e-6 }).maxRelError).toBeLessThan(1e-6);
    const c = bp.layers.conv2d({ filters: 2, kernelSize: 2, activation: mish, dtype: "float64" });
    const img = bp.rand([1, 3, 3, 1], { seed: 4, dtype: "float64" });
    expect(bp.checkGrad((t: bp.Tensor) => c.apply(t).sum(), img, { eps: 1e-6 }).maxRelError).toBeLessThan(1e-6);
  });

  test("its config names the function; registered, it loads back", () => {
    const d = bp.layers.dense({ units: 1, activation: mish });
    expect(d.getConfig().activation).toBe("mish");
    expect(() => bp.layers.layerFromConfig("Dense", d.getConfig())).toThrow(bp.NotFoundError);
    bp.activations.registerActivation("mish", mish);
    const back = bp.layers.layerFromConfig("Dense", d.getConfig()) as bp.layers.Dense;
    expect(back.activation).toBe(mish);
  });

  test("lstm / gru accept custom activation and recurrentActivation", () => {
    const hardSig = (x: bp.Tensor): bp.Tensor => x.mul(0.2).add(0.5).clip(0, 1);
    const l = bp.layers.gru({ units: 2, activation: "softsign", recurrentActivation: hardSig, dtype: "float64" });
    const x = bp.rand([2, 3, 2], { seed: 5, dtype: "float64" });
    expect(l.apply(x).shape).toEqual([2, 2]);
    expect(bp.checkGrad((t: bp.Tensor) => l.apply(t).sum(), x, { eps: 1e-6 }).maxRelError).toBeLessThan(1e-5);
  });
});
