/**
 * The playground's teaching views in headless Chromium: the backprop walk against bp.checkGrad, the
 * per-layer histograms (vanishing gradients in a deep sigmoid network), and the races.
 */
import { describe, expect, test } from "vitest";
import { shot, SKIP, state, step, until, servedPlayground } from "./harness.js";

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

describe.skipIf(SKIP)("playground views in headless Chromium (BACKPROP_SKIP_BROWSER=1 skips)", () => {
  const app = servedPlayground();

  test("the backprop walk's chain-rule numbers equal bp.checkGrad's central differences", async () => {
    const { page } = await app.open("dataset=circle&seed=6&layers=3,2&activation=tanh");
    await step(page, 5);
    await page.fill("#walk-index", "7");
    await page.getByRole("button", { name: "Walk backwards" }).click();
    await until(page, "s.walk !== undefined");
    const w = (await state(page)).walk;
    if (!w) throw new Error("no walk");
    const walked = w.gradients.flatMap((g) => [...g.kernel, ...g.bias]);
    expect(walked.length).toBe(w.numeric.length);
    walked.forEach((g, i) => expect(Math.abs(g - (w.numeric[i] as number))).toBeLessThan(1e-3));
    expect(walked.some((g) => Math.abs(g) > 1e-4)).toBe(true);
    expect(w.checkGrad.ok).toBe(true);
    await expect.poll(() => page.locator("#walk-steps li").count()).toBe(w.edges);
    await shot(page, "walk");
    await page.close();
  }, 60_000);

  test("layer histograms count every output and weight; six sigmoid layers show vanishing gradients", async () => {
    const { page } = await app.open("dataset=circle&layers=8,8,8,8,8,8&activation=sigmoid&seed=1");
    await step(page, 3);
    await until(page, "s.epoch === 3 && s.layers !== undefined && s.layers.length === 7");
    const s = await state(page);
    const layers = s.layers ?? [];
    const units = [8, 8, 8, 8, 8, 8, 1];
    const inputs = [2, 8, 8, 8, 8, 8, 8];
    layers.forEach((l, i) => {
      expect(sum(l.activations)).toBe(s.points.train * (units[i] as number));
      expect(sum(l.gradients)).toBe((inputs[i] as number) * (units[i] as number));
    });
    const rms = layers.map((l) => l.gradientRms);
    // each sigmoid scales the gradient by at most 1/4: the first layer's is far below the output's
    expect(rms[0] as number).toBeLessThan((rms[6] as number) / 20);
    expect(await page.locator("#layers-view canvas").count()).toBe(14);
    await page.close();
  }, 60_000);

  test("the search race: gradient descent beats random search on the same budget; optimizers start together", async () => {
    const { page } = await app.open("dataset=xor&layers=4&seed=2");
    await page.getByRole("button", { name: "Race search methods and optimizers" }).click();
    await until(page, "s.race !== undefined");
    const r = (await state(page)).race;
    if (!r) throw new Error("no race");
    const last = (xs: number[]): number => xs[xs.length - 1] as number;
    expect(r.search.random[0]).toBe(r.search.gradient[0]);
    expect(r.search.local[0]).toBe(r.search.gradient[0]);
    expect(last(r.search.gradient)).toBeLessThan(last(r.search.random));
    const starts = Object.values(r.optimizers).map((p) => p[0]?.[2]);
    expect(new Set(starts).size).toBe(1);
    for (const path of Object.values(r.optimizers))
      expect(last(path.map((p) => p[2] as number))).toBeLessThan(starts[0] as number);
    await shot(page, "races");
    await page.close();
  }, 90_000);

  test("convolution corner: the kernels on a real digit equal the convolution written out; the pad's CNN classifies a drawing", async () => {
    const { page } = await app.open("seed=1");
    await page.fill("#digit-index", "13");
    await page.getByRole("button", { name: "Apply the kernels" }).click();
    await until(page, "s.digits?.maps !== undefined");
    const d = (await state(page)).digits;
    const maps = d?.maps ?? {};
    expect(d?.label).toBe(3); // digits are interleaved 0…9: number 13 is a 3
    expect(await page.locator("#conv-maps canvas").count()).toBe(4);
    // each map equals the 3×3 convolution written out here over the digit's pixels (zero padding)
    const pixels = d?.digit ?? [];
    expect(pixels.length).toBe(784);
    const kernels: Record<string, number[]> = {
      blur: [1, 2, 1, 2, 4, 2, 1, 2, 1].map((v) => v / 16),
      sharpen: [0, -1, 0, -1, 5, -1, 0, -1, 0],
      outline: [-1, -1, -1, -1, 8, -1, -1, -1, -1],
    };
    for (const [name, k] of Object.entries(kernels)) {
      const map = maps[name] ?? [];
      expect(map.length, name).toBe(784);
      for (let r = 0; r < 28; r++) {
        for (let c = 0; c < 28; c++) {
          let want = 0;
          for (let i = -1; i <= 1; i++)
            for (let j = -1; j <= 1; j++)
              if (r + i >= 0 && r + i < 28 && c + j >= 0 && c + j < 28)
                want += (k[(i + 1) * 3 + j + 1] as number) * (pixels[(r + i) * 28 + c + j] as number);
          expect(Math.abs((map[r * 28 + c] as number) - want), `${name} at ${r},${c}`).toBeLessThan(1e-5);
        }
      }
    }
    await page.getByRole("button", { name: "Train the CNN in this page" }).click();
    await until(page, "s.digits?.cnnAccuracy !== undefined", 120_000);
    expect((await state(page)).digits?.cnnAccuracy).toBeGreaterThan(0.8);
    await page.locator("#pad").scrollIntoViewIfNeeded();
    const pad = await page.locator("#pad").boundingBox();
    if (!pad) throw new Error("no pad");
    await page.mouse.move(pad.x + pad.width / 2, pad.y + pad.height * 0.15);
    await page.mouse.down();
    for (let k = 1; k <= 10; k++)
      await page.mouse.move(pad.x + pad.width / 2, pad.y + pad.height * (0.15 + 0.07 * k));
    await page.mouse.up();
    await until(page, "s.digits?.probabilities !== undefined");
    const p = (await state(page)).digits?.probabilities ?? [];
    expect(p.length).toBe(10);
    expect(Math.abs(p.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-4);
    await expect.poll(() => page.locator("#probabilities li").count()).toBe(10);
    await shot(page, "digits");
    await page.close();
  }, 180_000);

  test("a link shows its weight on hover and takes a typed value on click", async () => {
    const { page } = await app.open("seed=8&layers=3");
    const links = page.locator("#links");
    // the first link runs straight from input X₁ (row 0) to neuron 1 of hidden layer 1 (row 0)
    await links.hover({ position: { x: 90, y: 71 } });
    const kernel = (await state(page)).weights[0]?.kernel ?? [];
    const before = kernel[0] as number;
    await expect
      .poll(() => page.locator("#hover").textContent())
      .toContain(`Weight from input 1 to neuron 1 of hidden layer 1: ${before.toFixed(4)}`);
    await links.click({ position: { x: 90, y: 71 } });
    await page.locator("#edit-value").fill("1.5");
    await page.keyboard.press("Enter");
    await until(page, "s.weights[0].kernel[0] === 1.5");
    expect((await state(page)).weights[0]?.kernel.slice(1)).toEqual(kernel.slice(1)); // only that weight changed
    await page.close();
  }, 60_000);
});
