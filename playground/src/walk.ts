/**
 * The backprop walk: one training point through the dense layers, then backwards, each step written
 * as upstream gradient × local gradient = downstream gradient. The forward values and local
 * derivatives come from the library (in float64); the chain rule is multiplied out here, in plain
 * numbers, so the page can show every product; bp.checkGrad checks the same gradients by central
 * differences.
 */
import * as bp from "../../src/index.js";
import { featurize } from "./data.js";
import type { WalkEdge, WalkResult } from "./protocol.js";
import type { Trainer } from "./trainer.js";

interface DenseSpec {
  name: string;
  inputs: number;
  units: number;
  activation: string;
}

const f64 = (data: ArrayLike<number>, shape: number[]): bp.Tensor =>
  bp.tensor(Float64Array.from(data) as unknown as Float32Array, shape).cast("float64" as bp.DType);

/** The data loss of one sample as a function of every dense weight, flattened layer by layer (kernel then bias). */
function lossOfWeights(
  specs: DenseSpec[],
  x: bp.Tensor,
  y: bp.Tensor,
  loss: string,
): (flat: bp.Tensor) => bp.Tensor {
  const lossFn =
    (bp.losses as unknown as Record<string, (y: bp.Tensor, p: bp.Tensor) => bp.Tensor>)[loss] ??
    bp.losses.meanSquaredError;
  return (flat) => {
    let a = x;
    let off = 0;
    for (const s of specs) {
      const w = flat.slice([off], [s.inputs * s.units]).reshape([s.inputs, s.units]);
      off += s.inputs * s.units;
      const b = flat.slice([off], [s.units]);
      off += s.units;
      a = bp.activations.getActivation(s.activation)(bp.matmul(a, w).add(b));
    }
    return lossFn(y, a);
  };
}

/** Walks training point `index` of the trainer backwards; plain dense networks only (no batch norm). */
export function walk(t: Trainer, index: number, id: number): WalkResult {
  return bp.tidy(() => {
    const dense = t.denseLayers();
    const specs: DenseSpec[] = dense.map((l) => {
      const cfg = l.getConfig() as { units: number; activation: string };
      return {
        name: l.name,
        inputs: l.weights[0]?.shape[0] ?? 0,
        units: cfg.units,
        activation: cfg.activation,
      };
    });
    const n = t.data.train.label.length;
    const i = Math.max(0, Math.min(n - 1, Math.floor(index)));
    const xy = t.data.train.xy.slice(2 * i, 2 * i + 2);
    const x = f64(featurize(xy, t.settings.features), [1, t.settings.features.length]);
    const y = f64(t.head.targets(t.data.train.label.slice(i, i + 1)), [1, t.head.units]);
    const values = dense.flatMap((l) => l.weights.flatMap((w) => Array.from(w.dataSync())));
    const flat = f64(values, [values.length]);
    const f = lossOfWeights(specs, x, y, t.head.loss);

    // forward, keeping each layer's input a and pre-activation z
    const acts: number[][] = [];
    const pre: number[][] = [];
    let a = x;
    let off = 0;
    for (const s of specs) {
      acts.push(Array.from(a.dataSync()));
      const w = flat.slice([off], [s.inputs * s.units]).reshape([s.inputs, s.units]);
      off += s.inputs * s.units;
      const z = bp.matmul(a, w).add(flat.slice([off], [s.units]));
      off += s.units;
      pre.push(Array.from(z.dataSync()));
      a = bp.activations.getActivation(s.activation)(z);
    }
    const lossFn =
      (bp.losses as unknown as Record<string, (y: bp.Tensor, p: bp.Tensor) => bp.Tensor>)[t.head.loss] ??
      bp.losses.meanSquaredError;
    const loss = lossFn(y, a).item();

    const edges: WalkEdge[] = [];
    const gradients: WalkResult["gradients"] = [];
    const last = specs.length - 1;
    const outSpec = specs[last] as DenseSpec;
    const zOut = f64(pre[last] as number[], [1, outSpec.units]);
    // upstream at the output: dL/da, from the loss alone
    let upstream = Array.from(
      bp
        .grad((o: bp.Tensor) => lossFn(y, o))(bp.activations.getActivation(outSpec.activation)(zOut))
        .dataSync(),
    );
    let offEnd = flat.size;
    for (let l = last; l >= 0; l--) {
      const s = specs[l] as DenseSpec;
      const z = f64(pre[l] as number[], [1, s.units]);
      const act = bp.activations.getActivation(s.activation);
      let dz: number[];
      if (s.activation === "softmax") {
        // softmax mixes its units: its local gradient is a Jacobian, so dL/dz comes through it whole
        dz = Array.from(
          bp
            .grad((zz: bp.Tensor) => lossFn(y, act(zz)))(z)
            .dataSync(),
        );
        dz.forEach((d, j) =>
          edges.push({
            label: `${s.name} unit ${j + 1}: dL/dz through softmax`,
            upstream: upstream[j] ?? NaN,
            local: NaN,
            downstream: d,
          }),
        );
      } else {
        const local = Array.from(
          bp
            .grad((zz: bp.Tensor) => act(zz).sum())(z)
            .dataSync(),
        );
        dz = local.map((d, j) => (upstream[j] as number) * d);
        dz.forEach((d, j) =>
          edges.push({
            label: `${s.name} unit ${j + 1}: dL/da × da/dz = dL/dz`,
            upstream: upstream[j] as number,
            local: local[j] as number,
            downstream: d,
          }),
        );
      }
      const inputs = acts[l] as number[];
      const kernel: number[] = [];
      for (let r = 0; r < s.inputs; r++) {
        for (let c = 0; c < s.units; c++) {
          const g = (dz[c] as number) * (inputs[r] as number);
          kernel.push(g);
          edges.push({
            label: `${s.name} w[${r + 1}→${c + 1}]: dL/dz × a = dL/dw`,
            upstream: dz[c] as number,
            local: inputs[r] as number,
            downstream: g,
          });
        }
      }
      gradients.unshift({ name: s.name, kernel, bias: dz.slice() });
      // dL/da of the layer below: Σ_c w[r, c] · dL/dz_c
      offEnd -= s.units + s.inputs * s.units;
      const w = Array.from(flat.slice([offEnd], [s.inputs * s.units]).dataSync());
      upstream = inputs.map((_, r) => dz.reduce((acc, d, c) => acc + (w[r * s.units + c] as number) * d, 0));
    }
    const check = bp.checkGrad(f, flat, { eps: 1e-6, tolerance: 1e-6 });
    return {
      type: "walk",
      id,
      gradients,
      checkGrad: { maxRelError: check.maxRelError, ok: check.ok },
      numeric: Array.from(check.numeric.dataSync()),
      edges,
      loss,
    };
  });
}
