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
 * Collects until `count()` holds still for a collection (what was unreachable has been finalized),
 * at most `rounds` times.
 */
export async function settle(count: () => number, rounds = 20): Promise<void> {
  let last = count();
  for (let i = 0; i < rounds; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 0));
    const now = count();
    if (now === last) return;
    last = now;
  }
}
