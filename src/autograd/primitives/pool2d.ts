/**
 * Pooling over NHWC windows. Max pooling's gradient routes dy to each window's arg-max cell
 * (maxPool2dGrad); the transpose of that routing picks values at the arg-max cells
 * (maxPool2dSelect), so gradients of gradients close over these three kernels. Average pooling is
 * linear: avgPool2dGrad spreads dy evenly over the valid cells, and its transpose is avgPool2d.
 */
import type { Pool2dAttrs } from "../../backend/kernel-attrs.js";
import { fmtShape, ShapeError } from "../../errors.js";
import type { Tensor } from "../../tensor/tensor.js";
import { primitive, type Primitive } from "../primitive.js";
import { outputSize } from "./conv2d.js";
import { input, requireFloat } from "./rules.js";

export function poolOutShape(op: string, x: readonly number[], a: Pool2dAttrs): number[] {
  if (x.length !== 4) throw new ShapeError(`${op}: input must be rank 4 (NHWC), got ${fmtShape(x)}`);
  const oh = outputSize(op, x[1] as number, a.poolSize[0], a.strides[0], a.pads.top, a.pads.bottom);
  const ow = outputSize(op, x[2] as number, a.poolSize[1], a.strides[1], a.pads.left, a.pads.right);
  return [x[0] as number, oh, ow, x[3] as number];
}

function pool(a: Pool2dAttrs): Pool2dAttrs {
  return { poolSize: a.poolSize, strides: a.strides, pads: a.pads };
}

export const maxPool2d: Primitive<"maxPool2d", readonly [x: Tensor]> = primitive({
  name: "maxPool2d",
  inputs: ["x"],
  output: (inputs, a) => {
    const x = input("maxPool2d", inputs, 0);
    return { shape: poolOutShape("maxPool2d", x.shape, a), dtype: x.dtype };
  },
  vjp: (g, [x], _out, a) => [maxPool2dGrad([x, g], pool(a))],
});

/** inputs [x, dy] → shape of x. */
export const maxPool2dGrad: Primitive<"maxPool2dGrad", readonly [x: Tensor, dy: Tensor]> = primitive({
  name: "maxPool2dGrad",
  inputs: ["x", "dy"],
  output: (inputs, a) => {
    const x = input("maxPool2dGrad", inputs, 0);
    const dy = input("maxPool2dGrad", inputs, 1);
    const expected = poolOutShape("maxPool2dGrad", x.shape, a);
    if (dy.shape.some((d, i) => d !== expected[i]) || dy.rank !== 4) {
      throw new ShapeError(`maxPool2dGrad: dy shape ${fmtShape(dy.shape)} differs from the pooled shape ${fmtShape(expected)}`);
    }
    return { shape: [...x.shape], dtype: dy.dtype };
  },
  vjp: (g, [x], _out, a) => [null, maxPool2dSelect([x, g], pool(a))],
});

/** inputs [x, g] (g shaped like x) → pooled shape: g at each window's arg-max cell of x. */
export const maxPool2dSelect: Primitive<"maxPool2dSelect", readonly [x: Tensor, g: Tensor]> = primitive({
  name: "maxPool2dSelect",
  inputs: ["x", "g"],
  output: (inputs, a) => {
    const x = input("maxPool2dSelect", inputs, 0);
    const g = input("maxPool2dSelect", inputs, 1);
    if (g.shape.some((d, i) => d !== x.shape[i]) || g.rank !== x.rank) {
      throw new ShapeError(`maxPool2dSelect: g shape ${fmtShape(g.shape)} differs from x shape ${fmtShape(x.shape)}`);
    }
    return { shape: poolOutShape("maxPool2dSelect", x.shape, a), dtype: g.dtype };
  },
  vjp: (gg, [x], _out, a) => [null, maxPool2dGrad([x, gg], pool(a))],
});

export const avgPool2d: Primitive<"avgPool2d", readonly [x: Tensor]> = primitive({
  name: "avgPool2d",
  inputs: ["x"],
  output: (inputs, a) => {
    const x = input("avgPool2d", inputs, 0);
    requireFloat("avgPool2d", x);
    return { shape: poolOutShape("avgPool2d", x.shape, a), dtype: x.dtype };
  },
  vjp: (g, [x], _out, a) => [avgPool2dGrad([g], { ...pool(a), inputShape: [...x.shape] })],
});

/** inputs [dy] → inputShape. */
export const avgPool2dGrad: Primitive<"avgPool2dGrad", readonly [dy: Tensor]> = primitive({
  name: "avgPool2dGrad",
  inputs: ["dy"],
  output: (inputs, a) => {
    const dy = input("avgPool2dGrad", inputs, 0);
    const expected = poolOutShape("avgPool2dGrad", a.inputShape, a);
    if (dy.shape.some((d, i) => d !== expected[i]) || dy.rank !== 4) {
      throw new ShapeError(`avgPool2dGrad: dy shape ${fmtShape(dy.shape)} differs from the pooled shape ${fmtShape(expected)}`);
    }
    return { shape: [...a.inputShape], dtype: dy.dtype };
  },
  vjp: (g, _inputs, _out, a) => [avgPool2d([g], pool(a))],
});
