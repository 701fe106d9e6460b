/** Each learning example reaches the result its header states (run in-process through its run()). */
import { describe, expect, test } from "vitest";
import * as capacity from "../../examples/capacity.js";
import * as linear from "../../examples/linear-regression.js";
import * as logistic from "../../examples/logistic-regression.js";
import * as overfitting from "../../examples/overfitting.js";
import * as perceptron from "../../examples/perceptron.js";
import * as softmax from "../../examples/softmax-classifier.js";
import * as strategies from "../../examples/optimization-strategies.js";
import * as vanishing from "../../examples/vanishing-gradient.js";
import * as xor from "../../examples/xor.js";

describe("learning examples reach their stated results", () => {
  test("xor: a 2-layer network classifies all four points, loss < 0.05", async () => {
    const r = await xor.run();
    expect(r.accuracy).toBe(1);
    expect(r.loss).toBeLessThan(0.05);
    expect(r.predictions.map((p) => (p > 0.5 ? 1 : 0))).toEqual([0, 1, 1, 0]);
  });

  test("linear regression: one neuron finds the least-squares line", async () => {
    const r = await linear.run();
    expect(Math.abs(r.slope - r.leastSquares.slope)).toBeLessThan(0.05);
    expect(Math.abs(r.intercept - r.leastSquares.intercept)).toBeLessThan(0.05);
    expect(r.leastSquares.slope).toBeCloseTo(3, 0);
  });

  test("logistic regression: one sigmoid neuron, >= 97% on held-out points", async () => {
    const r = await logistic.run();
    expect(r.testAccuracy).toBeGreaterThanOrEqual(0.97);
  });

  test("perceptron: reaches an epoch without mistakes, then 100% training accuracy", async () => {
    const r = await perceptron.run();
    expect(r.convergedAt).toBeDefined();
    expect(r.mistakesPerEpoch.at(-1)).toBe(0);
    expect(r.mistakesPerEpoch[0]).toBeGreaterThan(0);
    expect(r.accuracy).toBe(1);
  });

  test("softmax classifier: >= 95% on held-out points, nearly diagonal confusion matrix", async () => {
    const r = await softmax.run();
    expect(r.testAccuracy).toBeGreaterThanOrEqual(0.95);
    const diagonal = r.confusion.reduce((s, row, i) => s + row[i]!, 0);
    const total = r.confusion.flat().reduce((a, b) => a + b, 0);
    expect(total).toBe(300);
    expect(diagonal / total).toBeGreaterThanOrEqual(0.95);
  });

  test("optimization strategies: gradient descent < random local search < random search", async () => {
    const r = await strategies.run();
    expect(r.gradientDescent).toBeLessThan(r.randomLocalSearch);
    expect(r.randomLocalSearch).toBeLessThan(r.randomSearch);
    // each curve only goes down (the best so far / accepted steps / small gradient steps)
    for (const curve of [r.curves.randomSearch, r.curves.randomLocalSearch]) curve.forEach((v, i) => i === 0 || expect(v).toBeLessThanOrEqual(curve[i - 1]!));
  });

  test("capacity: training loss falls with width 3 > 6 > 20, and 20 neurons reach >= 95%", async () => {
    const [three, six, twenty] = await capacity.run();
    expect([three!.params, six!.params, twenty!.params]).toEqual([13, 25, 81]);
    expect(six!.loss).toBeLessThan(three!.loss);
    expect(twenty!.loss).toBeLessThan(six!.loss);
    expect(twenty!.accuracy).toBeGreaterThanOrEqual(0.95);
  });

  test("over-fitting: the plain network has the largest gap; L2 and dropout lower the validation loss", async () => {
    const rows = await overfitting.run();
    const by = Object.fromEntries(rows.map((r) => [r.variant, r]));
    const gap = (v: string) => by[v]!.valLoss - by[v]!.trainLoss;
    expect(by.plain!.trainLoss).toBeLessThan(0.05);
    expect(gap("plain")).toBeGreaterThan(gap("l2"));
    expect(gap("plain")).toBeGreaterThan(gap("dropout"));
    expect(by.l2!.valLoss).toBeLessThan(by.plain!.valLoss);
    expect(by.dropout!.valLoss).toBeLessThan(by.plain!.valLoss);
  });

  test("vanishing gradient: sigmoid's first layer gets > 1000x less gradient than its last; ReLU within 10x", async () => {
    const r = await vanishing.run();
    expect(r.sigmoid).toHaveLength(10);
    expect(r.sigmoidRatio).toBeLessThan(1e-3);
    expect(r.reluRatio).toBeGreaterThan(0.1);
    expect(r.reluRatio).toBeLessThan(10);
    // sigmoid's norms grow layer by layer towards the output
    r.sigmoid.forEach((v, i) => i === 0 || expect(v).toBeGreaterThan(r.sigmoid[i - 1]!));
  });
});
