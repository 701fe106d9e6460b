/**
 * 2-D convolution (NHWC input, HWIO filter) and its two backward kernels. The three are bilinear and
 * transposes of one another, so each one's gradient is written with the other two:
 *   y = conv2d(x, w)            dx = conv2dBackpropInput(dy, w),  dw = conv2dBackpropFilter(x, dy)
 * conv2d may carry a fused epilogue (a bias [cout] and relu, see epilogue.ts); its gradient first
 * takes the epilogue's, then the convolution's with that.
 */
import { promote } from "../../backend/dtype.js";
import type { Conv2dAttrs } from "../../backend/kernel-attrs.js";
import { fmtShape, ShapeError } from "../../errors.js";
import type { Tensor } from "../../tensor/tensor.js";
import { primitive, type Primitive } from "../primitive.js";
import { checkEpilogue, epilogueGrad } from "./epilogue.js";
import { input } from "./rules.js";

/** Output height and width of a convolution or pooling window sweep. */
export function outputSize(op: string, inSize: number, k: number, stride: number, padBefore: number, padAfter: number): number {
  const span = inSize + padBefore + padAfter - k;
  if (span < 0) throw new ShapeError(`${op}: window ${k} is larger than the padded input ${inSize + padBefore + padAfter}`);
  return Math.floor(span / stride) + 1;
}

function convOutShape(op: string, x: readonly number[], w: readonly number[], a: Conv2dAttrs): number[] {
  if (x.length !== 4) throw new ShapeError(`${op}: input must be rank 4 (NHWC), got ${fmtShape(x)}`);
  if (w.length !== 4) throw new ShapeError(`${op}: filter must be rank 4 (HWIO), got ${fmtShape(w)}`);
  if (x[3] !== w[2]) {
    throw new ShapeError(`${op}: input channels ${x[3]} (input ${fmtShape(x)}) differ from filter in-channels ${w[2]} (filter ${fmtShape(w)})`);
  }
  const oh = outputSize(op, x[1] as number, w[0] as number, a.strides[0], a.pads.top, a.pads.bottom);
  const ow = outputSize(op, x[2] as number, w[1] as number, a.strides[1], a.pads.left, a.pads.right);
  return [x[0] as number, oh, ow, w[3] as number];
}

function attrs(a: Conv2dAttrs): Conv2dAttrs {
  return { strides: a.strides, pads: a.pads };
}

export const conv2d: Primitive<"conv2d"> = primitive({
  name: "conv2d",
  output: (inputs, a) => {
    const x = input("conv2d", inputs, 0);
    const w = input("conv2d", inputs, 1);
    const shape = convOutShape("conv2d", x.shape, w.shape, a);
    checkEpilogue("conv2d", inputs, shape[3] as number, a.activation);
    const dtype = promote(x.dtype, w.dtype);
    return { shape, dtype: inputs[2] ? promote(dtype, inputs[2].dtype) : dtype };
  },
  // dx of a network's input image is not computed unless asked for (it is the costliest of the three)
  vjp: (g, [x, w, bias], out, a) => {
    const [gz, gb] = epilogueGrad(g, out, bias, a.activation);
    return [
      x!.requiresGrad ? conv2dBackpropInput([gz, w!], { ...attrs(a), inputShape: [...x!.shape] }) : null,
      w!.requiresGrad ? conv2dBackpropFilter([x!, gz], { ...attrs(a), filterShape: [...w!.shape] }) : null,
      gb,
    ];
  },
});

/** dx of a convolution: inputs [dy, w]. */
export const conv2dBackpropInput: Primitive<"conv2dBackpropInput"> = primitive({
  name: "conv2dBackpropInput",
  output: (inputs, a) => {
    const dy = input("conv2dBackpropInput", inputs, 0);
    const w = input("conv2dBackpropInput", inputs, 1);
    const expected = convOutShape("conv2dBackpropInput", a.inputShape, w.shape, a);
    checkDy("conv2dBackpropInput", dy, expected);
    return { shape: [...a.inputShape], dtype: promote(dy.dtype, w.dtype) };
  },
  vjp: (g, [dy, w], _out, a) => [
    conv2d([g, w!], attrs(a)),
    conv2dBackpropFilter([g, dy!], { ...attrs(a), filterShape: [...w!.shape] }),
  ],
});

/** dw of a convolution: inputs [x, dy]. */
export const conv2dBackpropFilter: Primitive<"conv2dBackpropFilter"> = primitive({
  name: "conv2dBackpropFilter",
  output: (inputs, a) => {
    const x = input("conv2dBackpropFilter", inputs, 0);
    const dy = input("conv2dBackpropFilter", inputs, 1);
    const expected = convOutShape("conv2dBackpropFilter", x.shape, a.filterShape, a);
    checkDy("conv2dBackpropFilter", dy, expected);
    return { shape: [...a.filterShape], dtype: promote(x.dtype, dy.dtype) };
  },
  vjp: (g, [x, dy], _out, a) => [
    conv2dBackpropInput([dy!, g], { ...attrs(a), inputShape: [...x!.shape] }),
    conv2d([x!, g], attrs(a)),
  ],
});

function checkDy(op: string, dy: Tensor, expected: number[]): void {
  if (dy.rank !== 4 || dy.shape.some((d, i) => d !== expected[i])) {
    throw new ShapeError(`${op}: dy shape ${fmtShape(dy.shape)} differs from the convolution output shape ${fmtShape(expected)}`);
  }
}
