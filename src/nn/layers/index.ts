/**
 * `bp.layers`: the Layer base class, one factory per layer (options as in TensorFlow.js), and the
 * registry that save / load use.
 *
 *   bp.layers.dense({ units: 10, activation: "softmax", inputShape: [784] });
 */
export { classNameOf, Layer, layerFromConfig, registeredLayers, registerLayer, snakeCase, type InputSpec, type LayerArgs, type LayerClass, type Shape } from "./layer.js";
export type { ActivationSpec, InitializerSpec, RegularizerSpec } from "./options.js";
export { Activation, activation, type ActivationArgs } from "./activation.js";
export { AveragePooling2D, averagePooling2d } from "./average-pooling2d.js";
export { BatchNormalization, batchNormalization, type BatchNormalizationArgs } from "./batch-normalization.js";
export { Conv2D, conv2d, type Conv2DArgs } from "./conv2d.js";
export { Dense, dense, type DenseArgs } from "./dense.js";
export { Dropout, dropout, type DropoutArgs } from "./dropout.js";
export { Embedding, embedding, type EmbeddingArgs } from "./embedding.js";
export { Flatten, flatten, type FlattenArgs } from "./flatten.js";
export { GRU, gru, type GRUArgs } from "./gru.js";
export { LSTM, lstm, type LSTMArgs } from "./lstm.js";
export { MaxPooling2D, maxPooling2d } from "./max-pooling2d.js";
export { Maxout, maxout, type MaxoutArgs } from "./maxout.js";
export { Pooling2D, type Pooling2DArgs } from "./pooling2d.js";
export { Reshape, reshape, type ReshapeArgs } from "./reshape.js";
export { RNN, type RNNArgs } from "./rnn.js";
export { SimpleRNN, simpleRNN, type SimpleRNNArgs } from "./simple-rnn.js";
