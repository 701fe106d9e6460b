/** Named settings per data set, each with why it works or fails (applied over the defaults). */
export interface Preset {
  name: string;
  hash: string;
  why: string;
}

export const PRESETS: Preset[] = [
  {
    name: "Circle: squares, no hidden layer",
    hash: "dataset=circle&features=xSquared,ySquared&layers=",
    why: "The classes are split by x² + y² < r²: a straight line in the squared features, so one output neuron suffices.",
  },
  {
    name: "Circle: one neuron too few (fails)",
    hash: "dataset=circle&layers=2",
    why: "Two tanh neurons can only cut the plane with two lines; a ring needs at least three.",
  },
  {
    name: "XOR: the product feature",
    hash: "dataset=xor&features=xTimesY&layers=",
    why: "The label is the sign of x·y, exactly the X₁X₂ feature: linear in it.",
  },
  {
    name: "XOR: raw inputs, 4 ReLU neurons",
    hash: "dataset=xor&layers=4&activation=relu&optimizer=adam&learningRate=0.01",
    why: "ReLU pieces cut the plane into quadrants; Adam finds them quickly.",
  },
  {
    name: "Gaussians: linear",
    hash: "dataset=gauss&layers=&noise=10",
    why: "Two blobs are linearly separable: logistic regression (no hidden layer) is enough.",
  },
  {
    name: "Spiral: deep ReLU with Adam",
    hash: "dataset=spiral&layers=8,8,8,8,8,8&activation=relu&optimizer=adam&learningRate=0.01&batchSize=10",
    why: "Spirals need many pieces of boundary; depth composes them, Adam keeps the steps scaled per weight.",
  },
  {
    name: "Spiral: sine features",
    hash: "dataset=spiral&features=x,y,sinX,sinY&layers=8,8&optimizer=adam&learningRate=0.01",
    why: "Periodic inputs bend the boundary for free, so a small network gets close.",
  },
  {
    name: "Three spirals: softmax",
    hash: "dataset=spiral&classes=3&layers=16,16,16&activation=relu&optimizer=adam&learningRate=0.01",
    why: "Three classes, three output units with softmax and cross-entropy.",
  },
  {
    name: "Deep sigmoid: vanishing gradients (slow)",
    hash: "dataset=circle&layers=8,8,8,8,8,8&activation=sigmoid",
    why: "Each sigmoid scales gradients by at most 0.25: six layers shrink them ~4000×, and the first layers barely move.",
  },
  {
    name: "Plane at learning rate 10 (blows up)",
    hash: "dataset=plane&learningRate=10&activation=linear",
    why: "A linear network with squared error and a step of 10 overshoots more every step: the loss becomes Infinity, then NaN.",
  },
  {
    name: "Multi-Gaussian regression",
    hash: "dataset=multigauss&layers=8,8&optimizer=adam&learningRate=0.01",
    why: "Six bumps need a smooth surface: tanh units add them up.",
  },
];
