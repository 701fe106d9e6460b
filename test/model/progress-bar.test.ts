import { describe, expect, test } from "vitest";
import { formatDuration, formatPerStep, formatValue, ProgressBar } from "../../src/model/progress-bar.js";

function capture(isTTY: boolean) {
  const out: string[] = [];
  return { out, writer: { write: (s: string) => void out.push(s), isTTY } };
}

describe("progress bar", () => {
  test("formats like Keras", () => {
    expect(formatValue(0.123456)).toBe("0.1235");
    expect(formatValue(0.0001234)).toBe("1.2340e-4");
    expect(formatValue(0)).toBe("0.0000");
    expect(formatValue(NaN)).toBe("NaN");
    expect(formatPerStep(0.0312)).toBe("31ms/step");
    expect(formatPerStep(2.4)).toBe("2s/step");
    expect(formatPerStep(0.00042)).toBe("420us/step");
    expect([7.9, 125, 3723].map(formatDuration)).toEqual(["7s", "2:05", "1:02:03"]);
  });

  test("on a terminal: redraws in place with ETA, ends with the totals and a newline", () => {
    let t = 0;
    const { out, writer } = capture(true);
    const bar = new ProgressBar({ target: 4, writer, now: () => t });
    for (let i = 1; i <= 4; i++) {
      t += 500;
      bar.update(i, [["loss", 1 / i]]);
    }
    bar.finish(4, [["loss", 0.25], ["val_loss", 0.3]]);
    expect(out[0]).toBe("\r1/4 ━━━━━─────────────── ETA 1s 500ms/step - loss: 1.0000");
    expect(out[1]).toBe("\r2/4 ━━━━━━━━━━────────── ETA 1s 500ms/step - loss: 0.5000");
    expect(out.at(-2)).toBe("\r4/4 ━━━━━━━━━━━━━━━━━━━━ 2s 500ms/step - loss: 0.2500 - val_loss: 0.3000");
    expect(out.at(-1)).toBe("\n");
  });

  test("redraws are throttled", () => {
    let t = 0;
    const { out, writer } = capture(true);
    const bar = new ProgressBar({ target: 100, writer, now: () => t, interval: 50 });
    for (let i = 1; i <= 100; i++) {
      t += 1;
      bar.update(i, []);
    }
    expect(out.length).toBeLessThan(5);
  });

  test("not a terminal: only the final line", () => {
    const { out, writer } = capture(false);
    const bar = new ProgressBar({ target: 3, writer, now: () => 0 });
    bar.update(1, [["loss", 1]]);
    bar.update(2, [["loss", 1]]);
    bar.finish(3, [["loss", 0.5]]);
    expect(out.join("")).toBe("3/3 ━━━━━━━━━━━━━━━━━━━━ 0s 0s/step - loss: 0.5000\n");
  });

  test("verbose 2: one plain line", () => {
    let t = 0;
    const { out, writer } = capture(true);
    const bar = new ProgressBar({ target: 10, writer, verbose: 2, now: () => t });
    bar.update(5, [["loss", 1]]);
    t = 1000;
    bar.finish(10, [["loss", 0.5], ["accuracy", 0.75]]);
    expect(out.join("")).toBe("10/10 - 1s - 100ms/step - loss: 0.5000 - accuracy: 0.7500\n");
  });
});
