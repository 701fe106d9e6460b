/**
 * The replay of noted kernel calls inside the module: a noted call's program is a list of records
 * (runtime.ts writes them when it notes a kernel call), and a replay runs them here in one call
 * instead of one JavaScript call per record. Only a share call that may run across threads goes back
 * to the caller, whose thread policy decides it.
 *
 * A record is NOTE_BYTES bytes of int32 words: its kind, then
 * - copy: destination, source, byte count (a kernel's parameter words, or a copy between tensors);
 * - share: share function index, shares, shares when alone, address of its arguments;
 * - plain: plain export index, address of its arguments.
 */
import { runPlain, runShare } from "./index";

export const NOTE_BYTES: i32 = 32;
export const NOTE_COPY: i32 = 0;
export const NOTE_SHARE: i32 = 1;
export const NOTE_PLAIN: i32 = 2;

/** How a replay runs share calls (runNotes' `mode`). */
export const MODE_POLICY: i32 = 0;
export const MODE_ALONE: i32 = 1;
export const MODE_LOCAL: i32 = 2;

/**
 * Runs records `from` to `count` of the program at `prog` and returns the index of the first record
 * it leaves to the caller, or `count` when it ran them all. `mode`: MODE_LOCAL (one thread: every
 * share call runs its shares here), MODE_ALONE (the step runs alone: a split call runs its lone share
 * count here) or MODE_POLICY (a call of more than one share is the caller's: the thread policy's).
 */
export function runNotes(prog: usize, from: i32, count: i32, scratch: usize, mode: i32): i32 {
  for (let i = from; i < count; i++) {
    const r = prog + <usize>i * <usize>NOTE_BYTES;
    const kind = load<i32>(r);
    if (kind == NOTE_COPY) {
      memory.copy(load<usize>(r, 4), load<usize>(r, 8), load<usize>(r, 12));
    } else if (kind == NOTE_SHARE) {
      const index = load<i32>(r, 4);
      const shares = load<i32>(r, 8);
      const args = load<usize>(r, 16);
      if (mode == MODE_ALONE && shares > 1) {
        const alone = load<i32>(r, 12);
        for (let k = 0; k < alone; k++) runShare(index, k, alone, scratch, args);
      } else if (shares <= 1 || mode == MODE_LOCAL) {
        for (let k = 0; k < shares; k++) runShare(index, k, shares, scratch, args);
      } else return i;
    } else {
      runPlain(load<i32>(r, 4), load<usize>(r, 8));
    }
  }
  return count;
}
