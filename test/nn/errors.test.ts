/**
 * Bad input to layers: every row is a call that must throw a BackpropError subclass whose message
 * names the layer, the offending value and what was expected.
 */
import { expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { thrown } from "./helpers.js";

type Row = [string, () => unknown, new (m: string) => Error, RegExp];

const built = <L extends bp.layers.Layer>(layer: L, shape: number[]): L => {
  layer.apply(bp.zeros(shape));
  return layer;
};

const rows: Row[] = [
  // unknown names
  ["unknown activation", () => bp.layers.dense({ units: 2, activation: "relux" as never }), bp.NotFoundError, /^dense_\d+ \(Dense\): getActivation: unknown activation "relux" \(did you mean "relu" or "relu6"\?\); expected one of "linear", "relu", .*"softmax".* or a function$/],
  ["unknown recurrent activation", () => bp.layers.lstm({ units: 2, recurrentActivation: "sigmod" as never }), bp.NotFoundError, /^lstm_\d+ \(LSTM\): getActivation: unknown activation "sigmod"/],
  ["unknown initializer", () => bp.layers.conv2d({ filters: 1, kernelSize: 1, kernelInitializer: "glorot" as never }), bp.NotFoundError, /^conv2d_\d+ \(Conv2D\): getInitializer: unknown initializer "glorot"; expected one of .*"glorotUniform"/],
  ["unknown regularizer", () => bp.layers.dense({ units: 1, kernelRegularizer: "l3" }), bp.NotFoundError, /^dense_\d+ \(Dense\): getRegularizer: unknown regularizer "l3" \(did you mean "l1" or "l2"\?\); expected one of "l1", "l2", "l1l2"$/],
  // bad options
  ["units 0", () => bp.layers.dense({ units: 0 }), bp.ValueError, /^dense_\d+ \(Dense\): units must be a positive integer, got 0$/],
  ["units missing", () => bp.layers.dense(undefined as unknown as bp.layers.DenseArgs), bp.ValueError, /^dense_\d+ \(Dense\): units must be a positive integer, got undefined$/],
  ["units 2.5", () => bp.layers.simpleRNN({ units: 2.5 }), bp.ValueError, /^simple_rnn_\d+ \(SimpleRNN\): units must be a positive integer, got 2.5$/],
  ["lstm units -1", () => bp.layers.lstm({ units: -1 }), bp.ValueError, /^lstm_\d+ \(LSTM\): units must be a positive integer, got -1$/],
  ["gru units 0", () => bp.layers.gru({ units: 0 }), bp.ValueError, /^gru_\d+ \(GRU\): units must be a positive integer, got 0$/],
  ["maxout pieces 0", () => bp.layers.maxout({ units: 2, pieces: 0 }), bp.ValueError, /^maxout_\d+ \(Maxout\): pieces must be a positive integer, got 0$/],
  ["filters 0", () => bp.layers.conv2d({ filters: 0, kernelSize: 3 }), bp.ValueError, /^conv2d_\d+ \(Conv2D\): filters must be a positive integer, got 0$/],
  ["kernelSize missing", () => bp.layers.conv2d({ filters: 1 } as bp.layers.Conv2DArgs), bp.ValueError, /^conv2d_\d+ \(Conv2D\): kernelSize must be a positive integer or a pair of them, got undefined$/],
  ["strides [1,0]", () => bp.layers.conv2d({ filters: 1, kernelSize: 2, strides: [1, 0] }), bp.ValueError, /strides must be a positive integer or a pair of them, got \[1,0\]$/],
  ["padding full", () => bp.layers.maxPooling2d({ padding: "full" as "same" }), bp.ValueError, /^max_pooling2d_\d+ \(MaxPooling2D\): padding must be "valid" or "same", got "full"$/],
  ["dilation 2", () => bp.layers.conv2d({ filters: 1, kernelSize: 2, dilationRate: 2 }), bp.ValueError, /dilationRate other than 1 is not supported, got 2$/],
  ["channelsFirst", () => bp.layers.conv2d({ filters: 1, kernelSize: 2, dataFormat: "channelsFirst" as "channelsLast" }), bp.ValueError, /dataFormat must be "channelsLast" \(NHWC\), got "channelsFirst"$/],
  ["dropout rate 1", () => bp.layers.dropout({ rate: 1 }), bp.ValueError, /^dropout_\d+ \(Dropout\): rate must be a number in \[0, 1\), got 1$/],
  ["dropout rate -0.1", () => bp.layers.dropout({ rate: -0.1 }), bp.ValueError, /rate must be a number in \[0, 1\), got -0.1$/],
  ["dropout rate missing", () => bp.layers.dropout({} as bp.layers.DropoutArgs), bp.ValueError, /rate must be a number in \[0, 1\), got undefined$/],
  ["dropout seed 1.5", () => bp.layers.dropout({ rate: 0.1, seed: 1.5 }), bp.ValueError, /seed must be an integer, got 1.5$/],
  ["bn momentum 2", () => bp.layers.batchNormalization({ momentum: 2 }), bp.ValueError, /^batch_normalization_\d+ \(BatchNormalization\): momentum must be in \[0, 1\], got 2$/],
  ["bn epsilon 0", () => bp.layers.batchNormalization({ epsilon: 0 }), bp.ValueError, /epsilon must be a positive number, got 0$/],
  ["reshape two -1", () => bp.layers.reshape({ targetShape: [-1, -1] }), bp.ValueError, /^reshape_\d+ \(Reshape\): targetShape must be an array of positive integers with at most one -1, got \[-1,-1\]$/],
  ["embedding inputDim 0", () => bp.layers.embedding({ inputDim: 0, outputDim: 2 }), bp.ValueError, /^embedding_\d+ \(Embedding\): inputDim must be a positive integer, got 0$/],
  ["inputShape [0]", () => bp.layers.dense({ units: 1, inputShape: [0] }), bp.ValueError, /inputShape must be an array of positive integers or null, got \[0\]$/],
  ["dtype int32", () => bp.layers.dense({ units: 1, dtype: "int32" }), bp.ValueError, /dtype must be "float32" or "float64", got "int32"$/],
  ["useBias 'yes'", () => bp.layers.dense({ units: 1, useBias: "yes" as unknown as boolean }), bp.ValueError, /useBias must be a boolean, got "yes"$/],
  ["rnn dropout", () => bp.layers.gru({ units: 1, recurrentDropout: 0.2 } as bp.layers.GRUArgs), bp.ValueError, /^gru_\d+ \(GRU\): option recurrentDropout is not supported \(got 0.2\); leave it at 0$/],
  // wrong input rank or shape
  ["dense on rank 1", () => bp.layers.dense({ units: 2 }).apply(bp.ones([3])), bp.ShapeError, /^dense_\d+ \(Dense\): expected an input of rank 2 or more with a known last axis, got shape \[null\]$/],
  ["dense declared inputShape", () => bp.layers.dense({ units: 2, inputShape: [4] }).apply(bp.ones([2, 5])), bp.ShapeError, /^dense_\d+ \(Dense\): expected input shape \[null,4\], got input shape \[2,5\]$/],
  ["dense built for 4, given 5", () => built(bp.layers.dense({ units: 2 }), [1, 4]).apply(bp.ones([2, 5])), bp.ShapeError, /^dense_\d+ \(Dense\): expected axis -1 of the input to have size 4, got input shape \[2,5\]$/],
  ["conv2d on rank 3", () => bp.layers.conv2d({ filters: 1, kernelSize: 2 }).apply(bp.ones([2, 5, 5])), bp.ShapeError, /^conv2d_\d+ \(Conv2D\): expected an input of rank 4 \[batch, height, width, channels\] with known channels, got shape \[null,5,5\]$/],
  ["conv2d channels", () => built(bp.layers.conv2d({ filters: 1, kernelSize: 2 }), [1, 4, 4, 3]).apply(bp.ones([1, 4, 4, 2])), bp.ShapeError, /^conv2d_\d+ \(Conv2D\): expected axis -1 of the input to have size 3 \(NHWC: \[batch, height, width, channels\]\), got input shape \[1,4,4,2\]$/],
  ["conv2d image smaller than kernel", () => bp.layers.conv2d({ filters: 1, kernelSize: 3 }).apply(bp.ones([1, 2, 2, 1])), bp.ShapeError, /^conv2d_\d+ \(Conv2D\): fused.conv2d: window 3x3 is larger than the input 2x2 with padding "valid"$/],
  ["pooling on rank 2", () => bp.layers.maxPooling2d().apply(bp.ones([2, 5])), bp.ShapeError, /^max_pooling2d_\d+ \(MaxPooling2D\): expected an input of rank 4 \(NHWC: \[batch, height, width, channels\]\), got input shape \[2,5\]$/],
  ["lstm on rank 2", () => bp.layers.lstm({ units: 2 }).apply(bp.ones([2, 5])), bp.ShapeError, /^lstm_\d+ \(LSTM\): expected an input of rank 3 \[batch, timesteps, features\] with known features, got shape \[null,5\]$/],
  ["gru features", () => built(bp.layers.gru({ units: 2 }), [1, 3, 4]).apply(bp.ones([1, 3, 5])), bp.ShapeError, /^gru_\d+ \(GRU\): expected axis -1 of the input to have size 4 \(\[batch, timesteps, features\]\), got input shape \[1,3,5\]$/],
  ["rnn with no time steps", () => bp.layers.simpleRNN({ units: 2 }).apply(bp.ones([2, 0, 3])), bp.ShapeError, /^simple_rnn_\d+ \(SimpleRNN\): expected at least one time step, got input shape \[2,0,3\]$/],
  ["bn on rank 1", () => bp.layers.batchNormalization().apply(bp.ones([4])), bp.ShapeError, /^batch_normalization_\d+ \(BatchNormalization\): axis -1 must pick a feature axis \(not the batch\) of the input, got shape \[null\]$/],
  ["bn channels", () => built(bp.layers.batchNormalization(), [2, 3]).apply(bp.ones([2, 4])), bp.ShapeError, /^batch_normalization_\d+ \(BatchNormalization\): expected axis 1 of the input to have size 3, got input shape \[2,4\]$/],
  ["bn rank change", () => built(bp.layers.batchNormalization(), [2, 3]).apply(bp.ones([2, 2, 3])), bp.ShapeError, /expected an input of rank 2, got input shape \[2,2,3\]$/],
  ["reshape size", () => bp.layers.reshape({ targetShape: [4, -1] }).apply(bp.ones([2, 6])), bp.ShapeError, /^reshape_\d+ \(Reshape\): cannot reshape 6 elements per sample into targetShape \[4,-1\]$/],
  ["embedding index out of range", () => bp.layers.embedding({ inputDim: 3, outputDim: 2 }).apply(bp.tensor([[0, 3]], undefined, "int32")), bp.ValueError, /^embedding_\d+ \(Embedding\): index 3 at flat position 1 is out of range for inputDim 3; expected 0 ≤ index < 3$/],
  ["embedding fractional index", () => bp.layers.embedding({ inputDim: 3, outputDim: 2 }).apply(bp.tensor([[0, 1.5]])), bp.DTypeError, /^embedding_\d+ \(Embedding\): expected integer indices, got 1.5 at flat position 1 of a float32 input$/],
  ["noiseShape rank", () => bp.layers.dropout({ rate: 0.5, noiseShape: [1] }).apply(bp.ones([2, 3]), { training: true }), bp.ValueError, /^dropout_\d+ \(Dropout\): noiseShape \[1\] must have the input's rank, got input shape \[2,3\]$/],
  ["apply on an array", () => bp.layers.dense({ units: 1 }).apply([1, 2] as unknown as bp.Tensor), bp.ValueError, /^dense_\d+ \(Dense\): expected a Tensor input, got an array \(wrap it with bp.tensor\)$/],
  // weights
  ["setWeights count", () => built(bp.layers.dense({ units: 2 }), [1, 3]).setWeights([bp.ones([3, 2])]), bp.ValueError, /^dense_\d+ \(Dense\): setWeights expected 2 tensors \(dense_\d+\/kernel, dense_\d+\/bias\), got 1$/],
  ["setWeights shape", () => built(bp.layers.dense({ units: 2 }), [1, 3]).setWeights([bp.ones([2, 3]), bp.ones([2])]), bp.ShapeError, /^dense_\d+ \(Dense\): setWeights: weight "dense_\d+\/kernel" has shape \[3,2\], got \[2,3\]$/],
];

test.each(rows)("%s", (_n, fn, cls, re) => {
  const e = thrown(fn);
  expect(e).toBeInstanceOf(cls);
  expect(e).toBeInstanceOf(bp.BackpropError);
  expect(e.message).toMatch(re);
});
