/** The event-loop yield behind fit: each environment's way of taking one macrotask turn. */
import { afterEach, describe, expect, test } from "vitest";
import { Pacer, yieldToEventLoop } from "../../src/model/pacer.js";

const g = globalThis as { setImmediate?: unknown; MessageChannel?: unknown };
const saved = { setImmediate: g.setImmediate, MessageChannel: g.MessageChannel };

afterEach(() => {
  g.setImmediate = saved.setImmediate;
  g.MessageChannel = saved.MessageChannel;
});

/** Whether a timer queued before the yield ran by the time it resolved (a macrotask turn happened). */
async function timerRanDuringYield(): Promise<boolean> {
  let ran = false;
  const t = setTimeout(() => void (ran = true), 0);
  const end = performance.now() + 5; // the timer is due before the yield starts
  while (performance.now() < end) {
    // wait
  }
  // several turns: setImmediate / messages may come before timers within one turn
  for (let i = 0; i < 50 && !ran; i++) await yieldToEventLoop();
  clearTimeout(t);
  return ran;
}

describe("yieldToEventLoop", () => {
  test("with setImmediate (Node)", async () => {
    expect(await timerRanDuringYield()).toBe(true);
  });

  test("without setImmediate: a MessageChannel turn (browsers)", async () => {
    g.setImmediate = undefined;
    expect(await timerRanDuringYield()).toBe(true);
  });

  test("with neither: setTimeout(0)", async () => {
    g.setImmediate = undefined;
    g.MessageChannel = undefined;
    expect(await timerRanDuringYield()).toBe(true);
  });
});

describe("Pacer", () => {
  test("yields only once its slice has passed", async () => {
    const pacer = new Pacer(1e9);
    let ran = false;
    setImmediate(() => void (ran = true));
    await pacer.pace();
    expect(ran).toBe(false); // no macrotask turn: the slice is not used up
    const eager = new Pacer(0);
    await eager.pace();
    expect(ran).toBe(true);
  });
});
