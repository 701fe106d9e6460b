/**
 * The replay of noted kernel calls inside the module: a noted call's program is a list of records
 * (runtime.ts writes them when it notes a kernel call), and a replay runs them here in one call
 * instead of one JavaScript call per record. A share call that may run across threads follows the
 * thread policy's standing verdict for it (split, posted here by runJob, or alone) and goes back to
 * the caller when the policy must decide it: before a verdict, at a re-timing, or when the pool
 * cannot take jobs from the module (no helper ready, a solo spell).
 *
 * A record is NOTE_BYTES bytes of int32 words: its kind, then
 * - copy: destination, source, byte count (a kernel's parameter words, or a copy between tensors);
 * - share: share function index, shares, shares when alone, address of its arguments, then the
 *   thread policy's standing verdict for the call (NOTE_ASK, NOTE_SPLIT or NOTE_ALONE) and how many
 *   more calls the module may make on it before the policy must see one (its next re-timing);
 * - plain: plain export index, address of its arguments.
 */
import { runPlain, runShare } from "./index";
import { CTRL_OPEN, runJob } from "./jobs";

export const NOTE_BYTES: i32 = 32;
export const NOTE_COPY: i32 = 0;
export const NOTE_SHARE: i32 = 1;
export const NOTE_PLAIN: i32 = 2;

/** A share record's standing verdict: the caller decides each call, or the module splits it or runs it alone. */
export const NOTE_ASK: i32 = 0;
export const NOTE_SPLIT: i32 = 1;
export const NOTE_ALONE: i32 = 2;

/** How a replay runs share calls (runNotes' `mode`). */
export const MODE_POLICY: i32 = 0;
export const MODE_ALONE: i32 = 1;
export const MODE_LOCAL: i32 = 2;
/** Every call of more than one share is the caller's (the policy is timing the step or its kernels). */
export const MODE_ASK: i32 = 3;
/** Every call of more than one share is split here (a re-timing of a settled step's split way). */
export const MODE_SPLIT: i32 = 4;

/**
 * The caller's JavaScript for share call record `i` of the running program when the thread policy
 * must decide it (runtime.ts handBack): it runs the call and may give the record a standing verdict.
 * An import, so that the JavaScript of a replay is one call with no branch of its own: V8 compiled
 * such a branch only once a re-timing first took it, and deoptimized the replay then.
 */
// @ts-ignore: decorator
@external("env", "handBack")
declare function handBack(i: i32): void;

/** Whether the calling thread may post jobs from the module now (`ctrl` 0: no pool; CTRL_OPEN, kept by threads.ts: helpers ready, no solo spell). */
// @ts-ignore: decorator
@inline function poolOpen(ctrl: usize): bool {
  return ctrl != 0 && atomic.load<i32>(ctrl + (<usize>CTRL_OPEN << 2)) == 1;
}

/**
 * Runs records `from` to `count` of the program at `prog`, the share calls the thread policy must
 * decide through the caller's handBack, and a job it posted whose helpers are late through the
 * caller's lateJob (see runJob). `mode`: MODE_LOCAL (one thread: every share call runs its shares
 * here), MODE_ALONE (the step runs alone: a split call runs its lone share count here), MODE_POLICY
 * (a call of more than one share follows its record's standing verdict while the record allows,
 * and is the caller's otherwise), MODE_SPLIT (every such call is split, the caller's only when the
 * pool cannot take jobs from the module) or MODE_ASK (every such call is the caller's). `ctrl`: the
 * thread pool's control block (0 without one).
 */
export function runNotes(prog: usize, from: i32, count: i32, scratch: usize, mode: i32, ctrl: usize): void {
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
      } else if (mode == MODE_SPLIT) {
        if (poolOpen(ctrl)) runJob(ctrl, index, min(shares, 1023), args, scratch);
        else handBack(i);
      } else {
        const way = load<i32>(r, 20);
        const left = load<i32>(r, 24);
        if (mode != MODE_POLICY || way == NOTE_ASK || left <= 0) {
          handBack(i);
        } else if (way == NOTE_SPLIT) {
          if (!poolOpen(ctrl)) {
            handBack(i);
            continue;
          }
          store<i32>(r, left - 1, 24);
          runJob(ctrl, index, min(shares, 1023), args, scratch);
        } else {
          store<i32>(r, left - 1, 24);
          const alone = load<i32>(r, 12);
          for (let k = 0; k < alone; k++) runShare(index, k, alone, scratch, args);
        }
      }
    } else {
      runPlain(load<i32>(r, 4), load<usize>(r, 8));
    }
  }
}
