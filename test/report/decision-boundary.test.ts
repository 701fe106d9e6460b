/** bp.report.decisionBoundary: the heat map shows the predicted class where it is predicted. */
import { describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";

/** The heat map's pixels, decoded from the SVG's embedded PNG. */
function heat(svg: string): bp.Tensor {
  const uri = /href="data:image\/png;base64,([^"]+)"/.exec(svg)?.[1];
  expect(uri).toBeDefined();
  return bp.data.decodePng(Uint8Array.from(atob(uri!), (c) => c.charCodeAt(0)));
}

/** Which class colour a pixel is closest to (in hue: the palest cells are still tinted). */
function classAt(img: bp.Tensor, fx: number, fy: number): number {
  const [h, w] = img.shape as [number, number, number];
  const px = img.slice([Math.floor(fy * (h - 1)), Math.floor(fx * (w - 1)), 0], [1, 1, 3]).dataSync();
  const tint = Array.from(px, (v) => 1 - v);
  const dist = (c: readonly number[]) => {
    const t = c.map((v) => 1 - v / 255);
    const s = Math.hypot(...t) / Math.hypot(...tint);
    return t.reduce((acc, v, i) => acc + (v / s - tint[i]!) ** 2, 0);
  };
  const d = bp.report.CLASS_COLORS.slice(0, 3).map(dist);
  return d.indexOf(Math.min(...d));
}

describe("decisionBoundary", () => {
  const x = bp.tensor([[-1, -1], [-1, 1], [1, -1], [1, 1], [0, 0]]);

  test("one sigmoid output: class 1 on the side the model predicts it, the points drawn in their classes", () => {
    const right = (t: bp.Tensor) => bp.sigmoid(t.slice([0, 0], [t.shape[0]!, 1]).mul(20));
    const svg = bp.report.decisionBoundary(right, x, bp.tensor([[0], [0], [1], [1], [1]]), { resolution: 40, title: "right half" });
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain("right half");
    expect(svg.match(/<circle /g)).toHaveLength(5);
    const img = heat(svg);
    expect(img.shape).toEqual([40, 40, 3]);
    expect(classAt(img, 0.1, 0.5)).toBe(0);
    expect(classAt(img, 0.9, 0.5)).toBe(1);
  });

  test("several classes from a model: each region in its class's colour, top of the picture = large y", () => {
    // class 0 left, class 1 right-bottom, class 2 right-top
    const model = {
      predict: (t: bp.Tensor) => {
        const [a, b] = bp.unstack(t, 1) as [bp.Tensor, bp.Tensor];
        return bp.softmax(bp.stack([a.mul(-10), a.mul(10).sub(b.mul(10)), a.mul(10).add(b.mul(10))], 1));
      },
    };
    const img = heat(bp.report.decisionBoundary(model, x, [0, 0, 1, 2, 0]));
    expect(classAt(img, 0.05, 0.5)).toBe(0);
    expect(classAt(img, 0.95, 0.95)).toBe(1);
    expect(classAt(img, 0.95, 0.05)).toBe(2);
  });

  test("a trained network's boundary on the circle set", async () => {
    bp.setSeed(3);
    const { x: cx, y: cy } = bp.data.toy.circle({ n: 200, noise: 0.05, seed: 2 });
    const model = bp.sequential([
      bp.layers.dense({ units: 16, activation: "relu", inputShape: [2] }),
      bp.layers.dense({ units: 1, activation: "sigmoid" }),
    ]);
    model.compile({ optimizer: bp.optimizers.adam({ learningRate: 0.03 }), loss: "binaryCrossentropy" });
    await model.fit(cx, cy, { epochs: 150, batchSize: 32, verbose: 0 });
    const img = heat(bp.report.decisionBoundary(model, cx, cy));
    const inside = model.predict(bp.tensor([[0, 0]])).item() > 0.5 ? 1 : 0;
    expect(classAt(img, 0.5, 0.5)).toBe(inside);
    expect(classAt(img, 0.02, 0.02)).toBe(1 - inside);
  });

  test("bad input is an error naming the problem", () => {
    const f = (t: bp.Tensor) => t.slice([0, 0], [t.shape[0]!, 1]);
    expect(() => bp.report.decisionBoundary(f, bp.zeros([4, 3]), [0, 1, 0, 1])).toThrow(/x must hold 2-D points, shape \[n, 2\], got \[4,3\]/);
    expect(() => bp.report.decisionBoundary(f, x, [0, 1])).toThrow(/x has 5 points but y has 2 labels/);
    expect(() => bp.report.decisionBoundary(f, x, [0, 1, 0, 1, 0], { resolution: 1 })).toThrow(/resolution must be an integer/);
    expect(() => bp.report.decisionBoundary(f, bp.tensor([[NaN, 0]]), [0])).toThrow(/NaN or Infinity/);
  });
});

describe("trainingReport with a model of 2-feature data", () => {
  test("shows the decision boundary of the test points", () => {
    const x = bp.tensor([[-1, 0], [1, 0], [-2, 1], [2, 1]]);
    const model = { predict: (t: bp.Tensor) => bp.sigmoid(t.slice([0, 0], [t.shape[0]!, 1]).mul(5)) };
    const probs = model.predict(x);
    const html = bp.report.trainingReport({ model, test: { labels: [0, 1, 0, 1], probs: bp.concat([probs.neg().add(1), probs], 1), inputs: x } });
    expect(html).toContain('<figure id="decision-boundary"><svg');
    const without = bp.report.trainingReport({ test: { labels: [0, 1, 0, 1], probs: bp.concat([probs.neg().add(1), probs], 1), inputs: x } });
    expect(without).not.toContain("decision-boundary");
  });
});
