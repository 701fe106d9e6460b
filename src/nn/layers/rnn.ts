/**
 * The shared part of simpleRNN, lstm and gru: options, weights [in, g·units] / [units, g·units],
 * the input check, and the loop over time. The input projection x·kernel is one matrix product for
 * all time steps; each step then adds h·recurrentKernel. Gradients come from autodiff through the loop.
 */
import { ShapeError, ValueError } from "../../errors.js";
import { zeros } from "../../tensor/creation.js";
import { stack } from "../../ops/shape-ops.js";
import type { Tensor, Variable } from "../../tensor/tensor.js";
import type { ActivationFn } from "../activations.js";
import type { Initializer } from "../initializers.js";
import type { Regularizer } from "../regularizers.js";
import { Layer, type LayerArgs, type Shape } from "./layer.js";
import * as opt from "./options.js";

/**
 * Options of the recurrent layers: units, activations, initializers, regularizers, returnSequences.
 *
 * @example
 * const args: bp.layers.RNNArgs = { units: 6, activation: "relu", returnSequences: true, recurrentInitializer: "orthogonal" };
 * bp.layers.simpleRNN(args).apply(bp.ones([2, 7, 3])).shape;   // => [2, 7, 6]
 */
export interface RNNArgs extends LayerArgs {
  units: number;
  /** Default "tanh". */
  activation?: opt.ActivationSpec;
  useBias?: boolean;
  /** Default "glorotUniform". */
  kernelInitializer?: opt.InitializerSpec;
  /** Default "orthogonal", as in Keras. */
  recurrentInitializer?: opt.InitializerSpec;
  biasInitializer?: opt.InitializerSpec;
  kernelRegularizer?: opt.RegularizerSpec;
  recurrentRegularizer?: opt.RegularizerSpec;
  biasRegularizer?: opt.RegularizerSpec;
  /** Output every step's h ([batch, time, units]) instead of the last one ([batch, units]). */
  returnSequences?: boolean;
  /** Process the sequence from the last step to the first (outputs in processing order). */
  goBackwards?: boolean;
}

/** Keras options this implementation does not have; a non-default value is an error, never ignored. */
const UNSUPPORTED: Record<string, unknown> = { dropout: 0, recurrentDropout: 0, returnState: false, stateful: false, unroll: false };

/**
 * The base class of the recurrent layers: steps a cell over the time axis.
 *
 * @example
 * const layers: bp.layers.RNN[] = [bp.layers.simpleRNN({ units: 4 }), bp.layers.lstm({ units: 4 }), bp.layers.gru({ units: 4 })];
 * layers.map((l) => l.apply(bp.ones([1, 5, 2])).shape);   // => [[1, 4], [1, 4], [1, 4]]
 */
export abstract class RNN extends Layer {
  readonly units: number;
  readonly activation: ActivationFn;
  readonly useBias: boolean;
  readonly kernelInitializer: Initializer;
  readonly recurrentInitializer: Initializer;
  readonly biasInitializer: Initializer;
  readonly kernelRegularizer: Regularizer | null;
  readonly recurrentRegularizer: Regularizer | null;
  readonly biasRegularizer: Regularizer | null;
  readonly returnSequences: boolean;
  readonly goBackwards: boolean;
  kernel?: Variable;
  recurrentKernel?: Variable;
  bias?: Variable;
  /** Gate blocks per unit: 1 (simpleRNN), 4 (lstm), 3 (gru). */
  protected abstract readonly gates: number;

  constructor(args: RNNArgs) {
    super(args);
    const l = this.label;
    args = opt.argsOf(args) as RNNArgs;
    for (const [k, dflt] of Object.entries(UNSUPPORTED)) {
      const v = (args as unknown as Record<string, unknown>)[k];
      if (v !== undefined && v !== null && v !== dflt) throw new ValueError(`${l}: option ${k} is not supported (got ${JSON.stringify(v)}); leave it at ${JSON.stringify(dflt)}`);
    }
    this.units = opt.positiveInt(l, "units", args.units);
    this.activation = opt.activation(l, args.activation, "tanh");
    this.useBias = opt.bool(l, "useBias", args.useBias, true);
    this.kernelInitializer = opt.initializer(l, args.kernelInitializer, "glorotUniform");
    this.recurrentInitializer = opt.initializer(l, args.recurrentInitializer, "orthogonal");
    this.biasInitializer = opt.initializer(l, args.biasInitializer, "zeros");
    this.kernelRegularizer = opt.regularizer(l, args.kernelRegularizer);
    this.recurrentRegularizer = opt.regularizer(l, args.recurrentRegularizer);
    this.biasRegularizer = opt.regularizer(l, args.biasRegularizer);
    this.returnSequences = opt.bool(l, "returnSequences", args.returnSequences, false);
    this.goBackwards = opt.bool(l, "goBackwards", args.goBackwards, false);
  }

  override build(inputShape: Shape): void {
    const f = inputShape[2];
    if (inputShape.length !== 3 || f === null || f === undefined) {
      throw new ShapeError(`expected an input of rank 3 [batch, timesteps, features] with known features, got shape ${opt.fmtDims(inputShape)}`);
    }
    const n = this.gates * this.units;
    this.kernel = this.addWeight("kernel", [f, n], this.kernelInitializer, { regularizer: this.kernelRegularizer });
    this.recurrentKernel = this.addWeight("recurrentKernel", [this.units, n], this.recurrentInitializer, { regularizer: this.recurrentRegularizer });
    if (this.useBias) this.bias = this.addWeight("bias", this.biasShape(), this.biasInitializerFor(), { regularizer: this.biasRegularizer });
    this.inputSpec = { ndim: 3, axes: { [-1]: f }, hint: "([batch, timesteps, features])" };
  }

  /** [g·units]; gru with resetAfter overrides it. */
  protected biasShape(): number[] {
    return [this.gates * this.units];
  }

  /** The bias initializer; lstm's unitForgetBias overrides it. */
  protected biasInitializerFor(): Initializer {
    return this.biasInitializer;
  }

  /**
   * Runs `step` over time. `xw` is x·kernel (+ inputBias) for all steps, [batch, time, g·units];
   * step gets one step of it and the states (h first, all zeros at t = 0) and returns the new states.
   */
  protected loop(x: Tensor, inputBias: Tensor | null, nStates: number, step: (xt: Tensor, states: Tensor[]) => Tensor[]): Tensor {
    const [batch, time, features] = x.shape as [number, number, number];
    if (time === 0) throw new ShapeError(`expected at least one time step, got input shape [${x.shape.join(",")}]`);
    const n = this.gates * this.units;
    let xw = x.reshape([batch * time, features]).matmul(this.kernel!);
    if (inputBias) xw = xw.add(inputBias);
    xw = xw.reshape([batch, time, n]);
    let states: Tensor[] = Array.from({ length: nStates }, () => zeros([batch, this.units], xw.dtype));
    const outputs: Tensor[] = [];
    for (let i = 0; i < time; i++) {
      const t = this.goBackwards ? time - 1 - i : i;
      const xt = xw.slice([0, t, 0], [batch, 1, n]).reshape([batch, n]);
      states = step(xt, states);
      if (this.returnSequences) outputs.push(states[0]!);
    }
    return this.returnSequences ? stack(outputs, 1) : states[0]!;
  }

  /** Column block k (of `gates`) of a [rows, g·units] matrix. */
  protected block(m: Tensor, k: number): Tensor {
    return m.slice([0, k * this.units], [m.shape[0]!, this.units]);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return this.returnSequences ? [inputShape[0] ?? null, inputShape[1] ?? null, this.units] : [inputShape[0] ?? null, this.units];
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      units: this.units,
      activation: opt.activationName(this.activation),
      useBias: this.useBias,
      kernelInitializer: opt.serializeInitializer(this.kernelInitializer),
      recurrentInitializer: opt.serializeInitializer(this.recurrentInitializer),
      biasInitializer: opt.serializeInitializer(this.biasInitializer),
      kernelRegularizer: opt.serializeRegularizer(this.kernelRegularizer),
      recurrentRegularizer: opt.serializeRegularizer(this.recurrentRegularizer),
      biasRegularizer: opt.serializeRegularizer(this.biasRegularizer),
      returnSequences: this.returnSequences,
      goBackwards: this.goBackwards,
    };
  }
}
