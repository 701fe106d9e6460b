/** gather and its transpose scatterAdd: each is the other's gradient. Indices are validated here. */
import { fmtShape, ValueError } from "../../errors.js";
import { checkedRead } from "../../tensor/capture.js";
import type { Tensor } from "../../tensor/tensor.js";
import { primitive } from "../primitive.js";
import { input, requireInt } from "./rules.js";

function checkIndices(op: string, indices: Tensor, n: number, axis: number): void {
  requireInt(op, indices);
  // a captured step checks the indices of every replay too
  checkedRead(indices.storage, (data) => {
    for (let i = 0; i < data.length; i++) {
      const v = data[i] as number;
      if (v < 0 || v >= n) {
        throw new ValueError(`${op}: index ${v} at position ${i} is out of range for axis ${axis} of size ${n}; expected 0 ≤ index < ${n}`);
      }
    }
  });
}

/** Picks slices of x along `axis` at `indices`: out shape = x.shape[:axis] + indices.shape + x.shape[axis+1:]. */
export const gather = primitive({
  name: "gather",
  inputs: ["x", "indices"],
  output: (inputs, { axis }) => {
    const x = input("gather", inputs, 0);
    const idx = input("gather", inputs, 1);
    checkIndices("gather", idx, x.shape[axis] ?? 0, axis);
    return { shape: [...x.shape.slice(0, axis), ...idx.shape, ...x.shape.slice(axis + 1)], dtype: x.dtype };
  },
  vjp: (g, [x, idx], _out, { axis }) => [g.scatterAdd(idx, axis, [...x.shape]), null],
});

/** Adds slices of `updates` into zeros of `shape` at `indices` along `axis` (repeated indices accumulate). */
export const scatterAdd = primitive({
  name: "scatterAdd",
  inputs: ["updates", "indices"],
  output: (inputs, { axis, shape }) => {
    const upd = input("scatterAdd", inputs, 0);
    const idx = input("scatterAdd", inputs, 1);
    checkIndices("scatterAdd", idx, shape[axis] ?? 0, axis);
    const expected = [...shape.slice(0, axis), ...idx.shape, ...shape.slice(axis + 1)];
    if (expected.length !== upd.rank || expected.some((d, i) => d !== upd.shape[i])) {
      throw new ValueError(`scatterAdd: updates shape ${fmtShape(upd.shape)} does not match ${fmtShape(expected)} expected for indices ${fmtShape(idx.shape)} into ${fmtShape(shape)}`);
    }
    return { shape: [...shape], dtype: upd.dtype };
  },
  vjp: (g, [, idx], _out, { axis }) => [g.gather(idx, axis), null],
});
