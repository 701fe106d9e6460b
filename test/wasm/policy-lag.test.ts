/**
 * How soon the thread policy follows a way that got faster. Early in a process (V8 compiling on the
 * second core, helper threads starting) split calls can lose; once a re-timing finds them faster,
 * the class must switch then, not several doubling intervals later: W1's products are one call per
 * step, so an interval of 256 calls is two epochs run on one thread.
 */
import { describe, expect, test } from "vitest";
import { PolicySlot } from "../../src/backend/wasm/policy.js";

/**
 * Runs `calls` calls with per-call costs; returns, per call, whether it ran split and the verdict after it.
 */
function drive(
  slot: PolicySlot,
  calls: number,
  cost: (call: number, split: boolean) => number,
): { ran: boolean[]; verdict: boolean[] } {
  const ran: boolean[] = [];
  const verdict: boolean[] = [];
  for (let i = 0; i < calls; i++) {
    const split = slot.choose();
    slot.record(split, cost(i, split));
    ran.push(split);
    verdict.push(slot.split);
  }
  return { ran, verdict };
}

/** Calls from the first re-timing at or after `from` that ran the way `way`, until the verdict is `way` for good. */
function lag(run: { ran: boolean[]; verdict: boolean[] }, from: number, way: boolean): number {
  const probe = run.ran.findIndex((r, i) => i >= from && r === way);
  let settled = run.verdict.length;
  while (settled > 0 && run.verdict[settled - 1] === way) settled--;
  expect(probe).toBeGreaterThanOrEqual(from);
  return settled - probe;
}

describe("thread policy after a change of costs", () => {
  test.each([2600, 3000])(
    "split calls slower for %i calls (V8 compiling on the second core), then 1.8x faster: split within 70 calls of the change",
    (slow) => {
      // the losing way's re-timings are at most 64 calls apart, however long the verdict held
      const slot = new PolicySlot();
      const run = drive(slot, slow + 1000, (i, split) => (split ? (i < slow ? 1.6 : 0.55) : 1));
      const settled = run.verdict.findIndex((v, i) => i >= slow && run.verdict.slice(i).every((w) => w));
      expect(settled).toBeGreaterThanOrEqual(slow);
      expect(settled - slow).toBeLessThanOrEqual(70);
    },
  );

  test.each([60, 125, 250, 500])(
    "split calls slower for the first %i calls, then 1.8x faster: the verdict is split within 3 calls of the first re-timing that finds it faster",
    (slow) => {
      const slot = new PolicySlot();
      const run = drive(slot, 3000, (i, split) => (split ? (i < slow ? 1.2 : 0.55) : 1));
      expect(lag(run, slow, true)).toBeLessThanOrEqual(3);
      expect(slot.split).toBe(true);
    },
  );

  test.each([125, 500])(
    "split calls faster for the first %i calls, then 1.5x slower: the verdict is alone within 3 calls of the first re-timing that finds alone faster",
    (fast) => {
      const slot = new PolicySlot();
      const run = drive(slot, 3000, (i, split) => (split ? (i < fast ? 0.55 : 1.5) : 1));
      // the split way runs every call, so 5 calls later its samples are all of the slow kind
      expect(lag(run, fast + 5, false)).toBeLessThanOrEqual(3);
      expect(slot.split).toBe(false);
    },
  );
});
