/**
 * Embedding: looks up rows of a trainable table [inputDim, outputDim] by integer index; output shape
 * is the indices' shape + [outputDim]. Indices may be int32 or floats holding integers.
 *
 *   const emb = bp.layers.embedding({ inputDim: 1000, outputDim: 16 });
 *   emb.apply(bp.tensor([[1, 5, 9]], undefined, "int32"));   // shape [1, 3, 16]
 */
import { checkedRead } from "../../tensor/capture.js";
import { DTypeError, ValueError } from "../../errors.js";
import type { Tensor, Variable } from "../../tensor/tensor.js";
import type { Initializer } from "../initializers.js";
import type { Regularizer } from "../regularizers.js";
import { Layer, registerLayer, type LayerArgs, type Shape } from "./layer.js";
import * as opt from "./options.js";

/**
 * Options of embedding: vocabulary size, vector size, initializer and regularizer.
 *
 * @example
 * const args: bp.layers.EmbeddingArgs = { inputDim: 100, outputDim: 8, embeddingsInitializer: "randomNormal" };
 * bp.layers.embedding(args).apply(bp.tensor([1, 2], undefined, "int32")).shape;   // => [2, 8]
 */
export interface EmbeddingArgs extends LayerArgs {
  inputDim: number;
  outputDim: number;
  /** Default "randomUniform" in ±0.05, as in Keras. */
  embeddingsInitializer?: opt.InitializerSpec;
  embeddingsRegularizer?: opt.RegularizerSpec;
  /** The sequence length, if fixed (TensorFlow.js option; sets the input shape). */
  inputLength?: number;
}

/**
 * Looks up a trainable vector for each integer index.
 *
 * @example
 * const embed = new bp.layers.Embedding({ inputDim: 1000, outputDim: 16 });
 * embed.apply(bp.tensor([[4, 20, 7]], undefined, "int32")).shape;   // => [1, 3, 16]
 */
export class Embedding extends Layer {
  static override className = "Embedding";
  readonly inputDim: number;
  readonly outputDim: number;
  readonly embeddingsInitializer: Initializer;
  readonly embeddingsRegularizer: Regularizer | null;
  embeddings?: Variable;

  constructor(args: EmbeddingArgs) {
    const a = opt.argsOf(args) as EmbeddingArgs;
    super(a.inputLength !== undefined && a.inputShape === undefined && a.batchInputShape === undefined ? { ...a, inputShape: [a.inputLength] } : a);
    const l = this.label;
    this.inputDim = opt.positiveInt(l, "inputDim", a.inputDim);
    this.outputDim = opt.positiveInt(l, "outputDim", a.outputDim);
    this.embeddingsInitializer = opt.initializer(l, a.embeddingsInitializer, "randomUniform");
    this.embeddingsRegularizer = opt.regularizer(l, a.embeddingsRegularizer);
  }

  override build(_inputShape: Shape): void {
    this.embeddings = this.addWeight("embeddings", [this.inputDim, this.outputDim], this.embeddingsInitializer, { regularizer: this.embeddingsRegularizer });
    this.inputSpec = {};
  }

  protected override castIntInputs(): boolean {
    return false;
  }

  call(x: Tensor): Tensor {
    let idx = x;
    // checked reads: a captured step checks the indices of every replay too
    if (x.dtype !== "int32") {
      checkedRead(x.storage, (data) => {
        const bad = data.findIndex((v) => !Number.isInteger(v));
        if (bad >= 0) throw new DTypeError(`expected integer indices, got ${data[bad]} at flat position ${bad} of a ${x.dtype} input`);
      });
      idx = x.cast("int32");
    }
    checkedRead(idx.storage, (data) => {
      const out = data.findIndex((v) => v < 0 || v >= this.inputDim);
      if (out >= 0) throw new ValueError(`index ${data[out]} at flat position ${out} is out of range for inputDim ${this.inputDim}; expected 0 ≤ index < ${this.inputDim}`);
    });
    return this.embeddings!.gather(idx, 0);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return [...inputShape, this.outputDim];
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      inputDim: this.inputDim,
      outputDim: this.outputDim,
      embeddingsInitializer: opt.serializeInitializer(this.embeddingsInitializer),
      embeddingsRegularizer: opt.serializeRegularizer(this.embeddingsRegularizer),
    };
  }
}

/**
 * `bp.layers.embedding({ inputDim: vocabularySize, outputDim: 32 })`.
 *
 * @example
 * const model = bp.sequential([
 *   bp.layers.embedding({ inputDim: 5000, outputDim: 32, inputLength: 10 }),
 *   bp.layers.flatten(),
 *   bp.layers.dense({ units: 1, activation: "sigmoid" }),
 * ]);
 * model.predict(bp.zeros([2, 10], "int32")).shape;   // => [2, 1]
 */
export function embedding(args: EmbeddingArgs): Embedding {
  return new Embedding(args);
}

registerLayer(Embedding);
