/**
 * Classroom mode and keyboard editing of one weight, through the page in headless Chromium: ticked
 * controls disappear, the URL and the classroom link keep them hidden; a link of the network is
 * reached with Tab, picked with the arrow keys, announced, and edited with Enter.
 */
import { describe, expect, test } from "vitest";
import { shot, SKIP, state, step, until, servedPlayground } from "./harness.js";

describe.skipIf(SKIP)(
  "playground classroom and keyboard in headless Chromium (BACKPROP_SKIP_BROWSER=1 skips)",
  () => {
    const app = servedPlayground();

    test("classroom mode hides the ticked controls, keeps them in the URL, and its link opens the page so", async () => {
      const { page, errors } = await app.open("seed=5&layers=3,2");
      const lr = page.getByRole("combobox", { name: "Learning rate" });
      const play = page.getByRole("button", { name: "Play" });
      await expect.poll(() => lr.isVisible()).toBe(true);
      await page.getByText("Use it in a classroom: hide controls").click();
      await page.getByRole("checkbox", { name: "Learning rate" }).check();
      await page.getByRole("checkbox", { name: "Play / pause" }).check();
      await page.getByRole("checkbox", { name: "Layers and neurons" }).check();
      await expect.poll(() => lr.isVisible()).toBe(false);
      expect(await play.isVisible()).toBe(false);
      expect(await page.locator("#add-layer").isVisible()).toBe(false);
      // the per-layer +/− buttons the network view drew are hidden too, its activation selects are not
      expect(await page.getByRole("button", { name: "Add a neuron to hidden layer 1" }).isVisible()).toBe(
        false,
      );
      expect(await page.getByRole("combobox", { name: "Activation of hidden layer 1" }).isVisible()).toBe(
        true,
      );
      const url = new URL(page.url());
      for (const c of ["learningRate", "play", "layers"]) expect(url.hash).toContain(`${c}_hide=true`);
      expect(url.hash).not.toContain("step_hide");
      expect((await state(page)).settings["hide"]).toEqual(["play", "layers", "learningRate"]);
      // hiding is a view change: the run goes on where it was
      await step(page, 2);
      expect((await state(page)).epoch).toBe(2);
      await page.getByRole("button", { name: "Step" }).click();
      await until(page, "s.epoch === 3");
      const link = page.getByRole("link", { name: "Link to this page with 3 controls hidden" });
      const href = await link.getAttribute("href");
      expect(href).toBe(page.url());
      await shot(page, "classroom");

      const student = await app.open((href ?? "").split("#")[1]);
      expect(await student.page.getByRole("combobox", { name: "Learning rate" }).isVisible()).toBe(false);
      expect(await student.page.getByRole("button", { name: "Play" }).isVisible()).toBe(false);
      expect(await student.page.getByRole("button", { name: "Step" }).isVisible()).toBe(true);
      expect((await state(student.page)).settings["layers"]).toEqual([3, 2]);
      await student.page.getByText("Use it in a classroom: hide controls").click();
      expect(await student.page.getByRole("checkbox", { name: "Learning rate" }).isChecked()).toBe(true);
      await student.page.getByRole("checkbox", { name: "Learning rate" }).uncheck();
      await expect
        .poll(() => student.page.getByRole("combobox", { name: "Learning rate" }).isVisible())
        .toBe(true);
      expect(student.page.url()).not.toContain("learningRate_hide");
      expect(student.page.url()).toContain("play_hide=true");
      expect(errors.concat(student.errors)).toEqual([]);
      await page.close();
      await student.page.close();
    }, 90_000);

    test("one weight is reached with Tab, picked with the arrow keys, announced and edited with Enter", async () => {
      const { page, errors } = await app.open("seed=8&layers=3");
      const links = page.getByRole("application", { name: /Weights and biases/ });
      await page.getByRole("button", { name: "Remove the last hidden layer" }).focus();
      // no layer removed: only focus moves, then Tab reaches the links
      await page.keyboard.press("Tab");
      expect(await page.evaluate("document.activeElement.id")).toBe("links");
      const hover = page.locator("#hover");
      const w = (await state(page)).weights;
      const k = w[0]?.kernel ?? [];
      // the first pick is the first link: input 1 → neuron 1; the arrow moves to input 1 → neuron 2
      await expect
        .poll(() => hover.textContent())
        .toContain(`Weight from input 1 to neuron 1 of hidden layer 1: ${(k[0] as number).toFixed(4)}`);
      await page.keyboard.press("ArrowRight");
      await expect
        .poll(() => hover.textContent())
        .toContain(`Weight from input 1 to neuron 2 of hidden layer 1: ${(k[1] as number).toFixed(4)}`);
      expect(await hover.getAttribute("role")).toBe("status");
      expect(await links.getAttribute("aria-describedby")).toBe("hover");
      // Page Down: the next layer (the output's links); End: the output's bias
      await page.keyboard.press("PageDown");
      await expect.poll(() => hover.textContent()).toContain("Weight from input 1 to neuron 1 of the output");
      await page.keyboard.press("End");
      await expect.poll(() => hover.textContent()).toContain("Bias of neuron 1 of the output");
      await page.keyboard.press("Home");
      await page.keyboard.press("ArrowRight");
      await page.keyboard.press("Enter");
      const input = page.getByRole("spinbutton", {
        name: "New value of the weight from input 1 to neuron 2 of hidden layer 1",
      });
      await expect.poll(() => input.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
      await page.keyboard.type("abc");
      await page.keyboard.press("Enter");
      await expect.poll(() => page.locator("#edit-error").textContent()).toBe("Type a finite number.");
      await input.fill("-2.25");
      await page.keyboard.press("Enter");
      await until(page, "s.weights[0].kernel[1] === -2.25");
      const after = await state(page);
      expect(after.weights[0]?.kernel.filter((_, i) => i !== 1)).toEqual(k.filter((_, i) => i !== 1));
      expect(after.weights.slice(1)).toEqual(w.slice(1));
      // the focus is back on the links, and Escape closes the editor without a change
      expect(await page.evaluate("document.activeElement.id")).toBe("links");
      await page.keyboard.press("Enter");
      await expect.poll(() => page.locator("#edit").isVisible()).toBe(true);
      await page.keyboard.press("Escape");
      await expect.poll(() => page.locator("#edit").isVisible()).toBe(false);
      expect(await page.evaluate("document.activeElement.id")).toBe("links");
      expect((await state(page)).weights[0]?.kernel[1]).toBe(-2.25);
      await shot(page, "keyboard-weight");
      // a pick on the last link of a bigger network still works once the network shrinks
      await page.keyboard.press("End");
      await page.getByRole("button", { name: "Remove a neuron from hidden layer 1" }).click();
      await until(page, "s.weights[0].kernel.length === 4 && s.epoch === 0");
      await links.focus();
      await page.keyboard.press("ArrowLeft");
      await expect.poll(() => hover.textContent()).toContain("Weight from input 2 to neuron 1 of the output");
      expect(errors).toEqual([]);
      await page.close();
    }, 60_000);
  },
);
