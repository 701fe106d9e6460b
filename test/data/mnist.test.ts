/** The embedded MNIST digits: shapes, value range, the fixed stratified split. */
import { expect, test } from "vitest";
import * as bp from "../../src/index.js";

test("mnist(): 8,000 / 2,000 real digits, stratified, in [0, 1], the same every call", async () => {
  const d = await bp.data.mnist();
  expect(d.xTrain.shape).toEqual([8000, 28, 28, 1]);
  expect(d.yTrain.shape).toEqual([8000, 10]);
  expect(d.xTest.shape).toEqual([2000, 28, 28, 1]);
  expect(d.yTest.shape).toEqual([2000, 10]);
  const trainCounts = Array.from(d.yTrain.sum(0).dataSync());
  const testCounts = Array.from(d.yTest.sum(0).dataSync());
  // each class contributes 20% (±1 for rounding) of its digits to the test set
  trainCounts.forEach((n, k) => expect(Math.abs(testCounts[k]! - 0.2 * (n + testCounts[k]!))).toBeLessThan(1));
  expect(testCounts.reduce((a, b) => a + b)).toBe(2000);
  const px = d.xTest.dataSync();
  expect(Math.min(...px.subarray(0, 50000))).toBe(0);
  expect(Math.max(...px.subarray(0, 50000))).toBe(1);
  // pixels are k/255
  for (let i = 0; i < 5000; i++) expect(Math.abs(px[i]! * 255 - Math.round(px[i]! * 255))).toBeLessThan(1e-3);
  const again = await bp.data.mnist();
  expect(Array.from(again.yTest.argmax(-1).dataSync().subarray(0, 50))).toEqual(Array.from(d.yTest.argmax(-1).dataSync().subarray(0, 50)));
  expect(Array.from(again.xTest.dataSync().subarray(0, 5000))).toEqual(Array.from(px.subarray(0, 5000)));
});
