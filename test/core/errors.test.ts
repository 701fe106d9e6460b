/**
 * Bad input: one row per validation. Each asserts the error class (and that it is a
 * bp.BackpropError) and that the message names the op and the offending values.
 */
import { describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";

bp.setBackend("js"); // the core is specified on the reference backend; other backends are compared against it

type ErrorClass = new (...args: never[]) => bp.BackpropError;

interface Row {
  name: string;
  run: () => unknown;
  cls: ErrorClass;
  /** Substrings the message must contain: the op, the values, what was expected. */
  says: (string | RegExp)[];
}

const i32 = (v: number[], shape?: number[]): bp.Tensor => bp.tensor(v, shape, "int32");
const disposed = (): bp.Tensor => {
  const t = bp.tensor([1, 2]);
  t.dispose();
  return t;
};

const rows: Row[] = [
  // shapes and broadcasting
  { name: "matmul inner dimensions", run: () => bp.matmul(bp.zeros([2, 3]), bp.zeros([4, 5])), cls: bp.ShapeError, says: ["matmul: inner dimensions differ: [2,3] x [4,5]"] },
  { name: "matmul inner dimensions, transposed", run: () => bp.matmul(bp.zeros([2, 3]), bp.zeros([4, 3]), true), cls: bp.ShapeError, says: ["matmul", "[2,3] x [4,3]", "transposeA=true"] },
  { name: "matmul vector length", run: () => bp.matmul(bp.zeros([3]), bp.zeros([4, 2])), cls: bp.ShapeError, says: ["matmul", "[3] x [4,2]"] },
  { name: "matmul batch dimensions", run: () => bp.matmul(bp.zeros([2, 2, 3]), bp.zeros([3, 3, 4])), cls: bp.ShapeError, says: ["matmul", "[2]", "[3]", "broadcast"] },
  { name: "matmul scalar operand", run: () => bp.matmul(bp.scalar(1), bp.zeros([2])), cls: bp.ShapeError, says: ["matmul", "rank", "[] x [2]"] },
  { name: "broadcasting (add)", run: () => bp.add(bp.zeros([2, 3]), bp.zeros([4])), cls: bp.ShapeError, says: ["add", "[2,3]", "[4]", "broadcast"] },
  { name: "broadcasting (where)", run: () => bp.where(i32([1, 0, 1]), bp.zeros([2]), 0), cls: bp.ShapeError, says: ["where", "[3]", "[2]"] },
  { name: "broadcastTo a smaller shape", run: () => bp.broadcastTo(bp.zeros([2, 3]), [3]), cls: bp.ShapeError, says: ["broadcastTo", "[2,3]", "[3]"] },
  { name: "reshape size mismatch", run: () => bp.reshape(bp.zeros([2, 3]), [4, 2]), cls: bp.ShapeError, says: ["reshape", "[2,3]", "6 elements", "[4,2]", "8 elements"] },
  { name: "reshape -1 that does not divide", run: () => bp.reshape(bp.zeros([2, 3]), [-1, 4]), cls: bp.ShapeError, says: ["reshape", "[2,3]", "[-1,4]"] },
  { name: "reshape with two -1", run: () => bp.reshape(bp.zeros([4]), [-1, -1]), cls: bp.ValueError, says: ["reshape", "[-1,-1]", "at most one -1"] },
  { name: "slice out of bounds", run: () => bp.slice(bp.zeros([2, 3]), [0, 1], [1, 3]), cls: bp.ShapeError, says: ["slice", "begin [0,1]", "size [1,3]", "[2,3]"] },
  { name: "slice with a negative begin", run: () => bp.slice(bp.zeros([4]), [-1], [1]), cls: bp.ShapeError, says: ["slice", "begin [-1]", "[4]"] },
  { name: "slice with too many entries", run: () => bp.slice(bp.zeros([2, 3]), [0, 0, 0], [1, 1, 1]), cls: bp.ShapeError, says: ["slice", "[0,0,0]", "[2,3]"] },
  { name: "concat shapes differ off-axis", run: () => bp.concat([bp.zeros([2, 3]), bp.zeros([2, 4])], 0), cls: bp.ShapeError, says: ["concat", "[2,3]", "[2,4]", "axis 0"] },
  { name: "concat scalars", run: () => bp.concat([bp.scalar(1), bp.scalar(2)]), cls: bp.ShapeError, says: ["concat", "scalars", "stack"] },
  { name: "stack shapes differ", run: () => bp.stack([bp.zeros([2]), bp.zeros([3])]), cls: bp.ShapeError, says: ["stack", "[2]", "[3]"] },
  { name: "squeeze an axis that is not 1", run: () => bp.squeeze(bp.zeros([2, 1]), 0), cls: bp.ShapeError, says: ["squeeze", "axis 0", "[2,1]", "size 2"] },
  { name: "scatterAdd updates shape", run: () => bp.scatterAdd(bp.zeros([3]), [0, 1], 0, [2]), cls: bp.ValueError, says: ["scatterAdd", "[3]", "[2]"] },
  { name: "sumTo an incompatible shape", run: () => bp.sumTo(bp.zeros([2, 3]), [2]), cls: bp.ShapeError, says: ["sumTo", "[2,3]", "[2]"] },
  { name: "grad with a dy of the wrong shape", run: () => bp.grad((x) => x.exp())(bp.zeros([2]), bp.zeros([3])), cls: bp.ShapeError, says: ["grad", "dy shape [3]", "[2]"] },
  { name: "checkGrad of a non-scalar function", run: () => bp.checkGrad((x) => x.exp(), bp.zeros([2])), cls: bp.ShapeError, says: ["checkGrad", "scalar", "[2]"] },
  { name: "hessian of a non-scalar function", run: () => bp.hessian((x) => x.square())(bp.zeros([2])), cls: bp.ShapeError, says: ["hessian", "scalar", "[2]"] },
  { name: "grads of a non-array", run: () => bp.grads((x) => x.sum())(bp.zeros([2]) as unknown as bp.Tensor[]), cls: bp.ValueError, says: ["grads", "array"] },
  { name: "item of a tensor with two elements", run: () => bp.tensor([1, 2]).item(), cls: bp.ShapeError, says: ["item", "[2]", "one element"] },
  { name: "Variable.assign of another shape", run: () => bp.variable(bp.zeros([2]), { name: "w" }).assign(bp.zeros([3])), cls: bp.ShapeError, says: ["assign", "[3]", '"w"', "[2]"] },
  { name: "tensor values do not fill the shape", run: () => bp.tensor([1, 2, 3], [2, 2]), cls: bp.ShapeError, says: ["tensor", "3 values", "[2,2]", "4 elements"] },
  // ranks
  { name: "conv2d input of rank 3", run: () => bp.conv2d(bp.zeros([2, 2, 2]), bp.zeros([1, 1, 2, 1])), cls: bp.ShapeError, says: ["conv2d", "rank 4", "NHWC", "[2,2,2]"] },
  { name: "conv2d filter of rank 2", run: () => bp.conv2d(bp.zeros([1, 2, 2, 1]), bp.zeros([1, 1])), cls: bp.ShapeError, says: ["conv2d", "filter", "HWIO", "[1,1]"] },
  { name: "conv2d channels differ", run: () => bp.conv2d(bp.zeros([1, 2, 2, 3]), bp.zeros([1, 1, 2, 1])), cls: bp.ShapeError, says: ["conv2d", "channels 3", "in-channels 2", "[1,2,2,3]", "[1,1,2,1]"] },
  { name: "conv2d window larger than the input", run: () => bp.conv2d(bp.zeros([1, 2, 2, 1]), bp.zeros([3, 3, 1, 1])), cls: bp.ShapeError, says: ["conv2d", "3x3", "2x2", "valid"] },
  { name: "maxPool2d input of rank 2", run: () => bp.maxPool2d(bp.zeros([4, 4])), cls: bp.ShapeError, says: ["maxPool2d", "rank 4", "[4,4]"] },
  { name: "avgPool2d window larger than the input", run: () => bp.avgPool2d(bp.zeros([1, 1, 1, 1]), { poolSize: 2 }), cls: bp.ShapeError, says: ["avgPool2d", "2x2", "1x1"] },
  // dtypes
  { name: "exp on int32", run: () => bp.exp(i32([1, 2])), cls: bp.DTypeError, says: ["exp", "int32", "[2]", "float"] },
  { name: "log on int32", run: () => i32([1]).log(), cls: bp.DTypeError, says: ["log", "int32"] },
  { name: "gather with float indices", run: () => bp.gather(bp.zeros([4]), bp.tensor([1])), cls: bp.DTypeError, says: ["gather", "indices", "int32", "float32"] },
  { name: "oneHot with float indices", run: () => bp.oneHot(bp.tensor([0]), 2), cls: bp.DTypeError, says: ["oneHot", "int32", "float32"] },
  { name: "grad with respect to an int32 tensor", run: () => bp.grad((x) => x.sum())(bp.zeros([2], "int32")), cls: bp.DTypeError, says: ["grad", "int32", "[2]", "float"] },
  { name: "grad of an int32 result", run: () => bp.grad((x) => x.argmax())(bp.zeros([2])), cls: bp.DTypeError, says: ["grad", "int32", "float"] },
  { name: "random draws of dtype int32", run: () => bp.randn([2], { dtype: "int32" }), cls: bp.DTypeError, says: ["randn", "int32", "float"] },
  { name: "unknown dtype (tensor)", run: () => bp.tensor([1], undefined, "float16" as bp.DType), cls: bp.DTypeError, says: ["tensor", '"float16"', '"float32"'] },
  { name: "unknown dtype (zeros)", run: () => bp.zeros([1], "bool" as bp.DType), cls: bp.DTypeError, says: ["zeros", '"bool"'] },
  { name: "unknown dtype (cast)", run: () => bp.zeros([1]).cast("uint8" as bp.DType), cls: bp.DTypeError, says: ["cast", '"uint8"'] },
  // axes
  { name: "sum axis 5 on rank 2", run: () => bp.sum(bp.zeros([2, 2]), 5), cls: bp.ShapeError, says: ["sum", "axis 5", "rank 2", "[-2, 1]"] },
  { name: "sum axis -3 on rank 2", run: () => bp.sum(bp.zeros([2, 2]), -3), cls: bp.ShapeError, says: ["sum", "axis -3", "rank 2"] },
  { name: "mean with a repeated axis", run: () => bp.mean(bp.zeros([2, 2]), [0, -2]), cls: bp.ShapeError, says: ["mean", "repeated axis", "[0,-2]"] },
  { name: "max with a fractional axis", run: () => bp.max(bp.zeros([2, 2]), 0.5), cls: bp.ShapeError, says: ["max", "axis 0.5"] },
  { name: "argmax axis out of range", run: () => bp.argmax(bp.zeros([2, 2]), 2), cls: bp.ShapeError, says: ["argmax", "axis 2", "rank 2"] },
  { name: "softmax axis out of range", run: () => bp.softmax(bp.zeros([2, 2]), -3), cls: bp.ShapeError, says: ["softmax", "axis -3"] },
  { name: "softmax of a scalar", run: () => bp.softmax(bp.scalar(1)), cls: bp.ShapeError, says: ["softmax", "rank 0", "no axes"] },
  { name: "concat axis out of range", run: () => bp.concat([bp.zeros([2]), bp.zeros([2])], 1), cls: bp.ShapeError, says: ["concat", "axis 1", "rank 1"] },
  { name: "expandDims axis out of range", run: () => bp.expandDims(bp.zeros([2]), 3), cls: bp.ShapeError, says: ["expandDims", "axis 3"] },
  { name: "gather axis out of range", run: () => bp.gather(bp.zeros([2]), [0], 1), cls: bp.ShapeError, says: ["gather", "axis 1", "rank 1"] },
  { name: "transpose perm not a permutation", run: () => bp.transpose(bp.zeros([2, 3]), [0, 0]), cls: bp.ShapeError, says: ["transpose", "[0,0]", "[2,3]"] },
  { name: "max over an empty axis", run: () => bp.max(bp.zeros([0, 3]), 0), cls: bp.ValueError, says: ["max", "axis 0", "size 0", "[0,3]"] },
  { name: "argmin over an empty axis", run: () => bp.argmin(bp.zeros([0, 3]), 0), cls: bp.ValueError, says: ["argmin", "axis 0", "size 0"] },
  { name: "keepDims that is not a boolean", run: () => bp.sum(bp.zeros([2]), 0, "yes" as unknown as boolean), cls: bp.ValueError, says: ["sum", "keepDims", "yes"] },
  // ragged and malformed values
  { name: "ragged nested array", run: () => bp.tensor([[1, 2], [3]]), cls: bp.ShapeError, says: ["tensor", "ragged", "[1]", "length 1", "length 2"] },
  { name: "ragged deeper down", run: () => bp.tensor([[[1], [2]], [[3], 4]] as unknown as number[][][]), cls: bp.ShapeError, says: ["tensor", "ragged", "[1][1]"] },
  { name: "a string inside nested arrays", run: () => bp.tensor([[1, "a"]] as unknown as number[][]), cls: bp.ValueError, says: ["tensor", "[0][1]", "string"] },
  { name: "an array where a number is expected", run: () => bp.add([1, 2] as unknown as bp.Tensor, 1), cls: bp.ValueError, says: ["add", "array", "bp.tensor"] },
  { name: "a string operand", run: () => bp.mul(bp.zeros([1]), "2" as unknown as number), cls: bp.ValueError, says: ["mul", "string"] },
  { name: "a negative dimension", run: () => bp.zeros([2, -1]), cls: bp.ValueError, says: ["zeros", "[2,-1]", "non-negative integers"] },
  { name: "a fractional dimension", run: () => bp.randn([1.5]), cls: bp.ValueError, says: ["randn", "[1.5]"] },
  { name: "variable of a non-tensor", run: () => bp.variable([1] as unknown as bp.Tensor), cls: bp.ValueError, says: ["variable", "array"] },
  // non-finite and out-of-range attributes
  { name: "leakyRelu alpha NaN", run: () => bp.leakyRelu(bp.zeros([2]), NaN), cls: bp.ValueError, says: ["leakyRelu", "alpha", "NaN"] },
  { name: "elu alpha Infinity", run: () => bp.elu(bp.zeros([2]), Infinity), cls: bp.ValueError, says: ["elu", "alpha", "Infinity"] },
  { name: "clip min > max", run: () => bp.clip(bp.zeros([2]), 2, 1), cls: bp.ValueError, says: ["clip", "min=2", "max=1"] },
  { name: "clip min NaN", run: () => bp.clip(bp.zeros([2]), NaN, 1), cls: bp.ValueError, says: ["clip", "min=NaN"] },
  { name: "arange step 0", run: () => bp.arange(0, 5, 0), cls: bp.ValueError, says: ["arange", "step", "0"] },
  { name: "arange stop NaN", run: () => bp.arange(0, NaN), cls: bp.ValueError, says: ["arange", "stop", "NaN"] },
  { name: "linspace n negative", run: () => bp.linspace(0, 1, -1), cls: bp.ValueError, says: ["linspace", "-1"] },
  { name: "linspace stop Infinity", run: () => bp.linspace(0, Infinity, 3), cls: bp.ValueError, says: ["linspace", "stop", "Infinity"] },
  { name: "rand maxval ≤ minval", run: () => bp.rand([2], { minval: 1, maxval: 0 }), cls: bp.ValueError, says: ["rand", "maxval 0", "minval 1"] },
  { name: "randn stddev NaN", run: () => bp.randn([2], { stddev: NaN }), cls: bp.ValueError, says: ["randn", "stddev", "NaN"] },
  { name: "randn stddev negative", run: () => bp.randn([2], { stddev: -1 }), cls: bp.ValueError, says: ["randn", "stddev", "-1"] },
  { name: "setSeed NaN", run: () => bp.setSeed(NaN), cls: bp.ValueError, says: ["setSeed", "integer", "NaN"] },
  { name: "a fractional seed", run: () => bp.rand([2], { seed: 1.5 }), cls: bp.ValueError, says: ["rand", "seed", "1.5"] },
  { name: "fused.conv2d bias of the wrong length", run: () => bp.fused.conv2d({ x: bp.zeros([1, 3, 3, 1]), filter: bp.zeros([1, 1, 1, 2]), bias: bp.zeros([3]) }), cls: bp.ShapeError, says: ["conv2d", "bias", "[2]", "[3]"] },
  { name: "fused.matmul bias of rank 2", run: () => bp.fused.matmul({ a: bp.zeros([2, 3]), b: bp.zeros([3, 4]), bias: bp.zeros([1, 4]) }), cls: bp.ShapeError, says: ["matmul", "bias", "[4]", "[1,4]"] },
  { name: "fused.matmul vector operand", run: () => bp.fused.matmul({ a: bp.zeros([3]), b: bp.zeros([3, 4]) }), cls: bp.ShapeError, says: ["fused.matmul", "rank ≥ 2", "[3]"] },
  { name: "fused.matmul unknown activation", run: () => bp.fused.matmul({ a: bp.zeros([2, 3]), b: bp.zeros([3, 4]), activation: "gelu" as "relu" }), cls: bp.ValueError, says: ["fused.matmul", "activation", "gelu", "linear", "relu"] },
  { name: "fused.conv2d bias not a tensor", run: () => bp.fused.conv2d({ x: bp.zeros([1, 3, 3, 1]), filter: bp.zeros([1, 1, 1, 2]), bias: [1, 2] as unknown as bp.Tensor }), cls: bp.ValueError, says: ["fused.conv2d", "bias", "array"] },
  { name: "conv2d strides 0", run: () => bp.conv2d(bp.zeros([1, 3, 3, 1]), bp.zeros([1, 1, 1, 1]), { strides: 0 }), cls: bp.ValueError, says: ["conv2d", "strides", "0"] },
  { name: "conv2d unknown padding", run: () => bp.conv2d(bp.zeros([1, 3, 3, 1]), bp.zeros([1, 1, 1, 1]), { padding: "full" as bp.Padding }), cls: bp.ValueError, says: ["conv2d", "padding", '"full"'] },
  { name: "pad with negative amounts", run: () => bp.pad(bp.zeros([2]), [[-1, 0]]), cls: bp.ValueError, says: ["pad", "[[-1,0]]", "non-negative"] },
  { name: "split into unequal parts", run: () => bp.split(bp.zeros([5]), 2), cls: bp.ValueError, says: ["split", "size 5", "2 equal parts"] },
  { name: "tile with reps 0", run: () => bp.tile(bp.zeros([2]), [0]), cls: bp.ValueError, says: ["tile", "reps [0]"] },
  { name: "checkGrad eps 0", run: () => bp.checkGrad((x) => x.sum(), bp.zeros([2]), { eps: 0 }), cls: bp.ValueError, says: ["checkGrad", "eps", "0"] },
  { name: "tidy of a non-function", run: () => bp.tidy(3 as unknown as () => void), cls: bp.ValueError, says: ["tidy", "function", "number"] },
  // int32 range
  { name: "int32 overflow in tensor", run: () => bp.tensor([1, 2147483648], undefined, "int32"), cls: bp.ValueError, says: ["tensor", "2147483648", "index 1", "int32"] },
  { name: "a fraction in an int32 tensor", run: () => bp.tensor([0.5], undefined, "int32"), cls: bp.ValueError, says: ["tensor", "0.5", "int32"] },
  { name: "int32 overflow in full", run: () => bp.full([2], -2147483649, "int32"), cls: bp.ValueError, says: ["full", "-2147483649", "int32"] },
  { name: "int32 overflow in arange", run: () => bp.arange(2147483640, 2147483650, 1, "int32"), cls: bp.ValueError, says: ["arange", "int32"] },
  { name: "cast of an out-of-range float to int32", run: () => bp.tensor([1, 3e10]).cast("int32"), cls: bp.ValueError, says: ["cast", "30000001024", "index 1", "int32"] },
  { name: "cast of NaN to int32", run: () => bp.tensor([NaN]).cast("int32"), cls: bp.ValueError, says: ["cast", "NaN", "int32"] },
  { name: "pad an int32 tensor with a fraction", run: () => bp.pad(i32([1]), [[1, 1]], 0.5), cls: bp.ValueError, says: ["pad", "0.5", "int32"] },
  // indices
  { name: "gather index out of range", run: () => bp.gather(bp.zeros([4, 2]), [1, 4]), cls: bp.ValueError, says: ["gather", "index 4", "position 1", "size 4"] },
  { name: "gather negative index", run: () => bp.gather(bp.zeros([4]), i32([-1])), cls: bp.ValueError, says: ["gather", "index -1"] },
  { name: "gather fractional index", run: () => bp.gather(bp.zeros([4]), [1.5]), cls: bp.ValueError, says: ["gather", "1.5", "integer"] },
  { name: "oneHot depth 0", run: () => bp.oneHot([0], 0), cls: bp.ValueError, says: ["oneHot", "depth", "0"] },
  { name: "oneHot index out of range", run: () => bp.oneHot([0, 3], 3), cls: bp.ValueError, says: ["oneHot", "index 3", "position 1", "depth 3"] },
  // memory, names
  { name: "a disposed tensor in an op", run: () => disposed().add(1), cls: bp.MemoryError, says: ["disposed", "[2]"] },
  { name: "dataSync of a disposed tensor", run: () => disposed().dataSync(), cls: bp.MemoryError, says: ["disposed"] },
  { name: "an allocation too large for the engine", run: () => bp.zeros([1e6, 1e6]), cls: bp.MemoryError, says: ["zeros", "[1000000,1000000]"] },
  { name: "unknown backend", run: () => bp.setBackend("gpu"), cls: bp.NotFoundError, says: ["setBackend", '"gpu"', 'expected one of', '"js"'] },
];

describe("bad input throws a BackpropError that names the problem", () => {
  for (const row of rows) {
    test(row.name, () => {
      let caught: unknown;
      try {
        row.run();
      } catch (e) {
        caught = e;
      }
      expect(caught, "expected an error").toBeInstanceOf(row.cls);
      expect(caught).toBeInstanceOf(bp.BackpropError);
      expect(caught).toBeInstanceOf(Error);
      const e = caught as Error;
      expect(e.name).toBe(row.cls.name);
      for (const s of row.says) {
        if (typeof s === "string") expect(e.message, `message of ${row.name}`).toContain(s);
        else expect(e.message).toMatch(s);
      }
    });
  }

  test("the backend is still usable after a failed setBackend", () => {
    const before = bp.getBackend();
    expect(() => bp.setBackend("gpu")).toThrow(bp.NotFoundError);
    expect(bp.getBackend()).toBe(before);
    expect(bp.tensor([1, 2]).add(1).dataSync()).toEqual(new Float32Array([2, 3]));
  });

  test("errors of a failed op leave no tensors behind", () => {
    for (const row of rows) {
      // a disposed tensor is made on purpose, and variables outlive scopes by design
      if (row.cls === bp.MemoryError || row.name.startsWith("Variable")) continue;
      const before = bp.memory().numTensors;
      try {
        bp.tidy(() => void row.run());
      } catch {
        // expected
      }
      expect(bp.memory().numTensors, row.name).toBe(before);
    }
  });
});
