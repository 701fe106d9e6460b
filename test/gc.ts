/**
 * The garbage collector for tests that need a collection now: V8's gc, exposed at run time (the
 * test runner starts Node without --expose-gc). Finalization callbacks run on a later turn of the
 * event loop, so a test awaits a turn after each collection.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

setFlagsFromString("--expose-gc");
export const gc = runInNewContext("gc") as () => void;

/**
 * Collects until `count()` holds still for two collections in a row (what was unreachable has been
 * finalized), at most `rounds` times. One still collection was not enough: finalization callbacks
 * may run a few turns after the collection, and capture.test.ts's memory test then saw 681 tensors
 * of earlier tests finalized during its fits (681 before, 22 after).
 */
export async function settle(count: () => number, rounds = 20): Promise<void> {
  let last = count();
  let still = 0;
  for (let i = 0; i < rounds && still < 2; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const now = count();
    still = now === last ? still + 1 : 0;
    last = now;
  }
}
