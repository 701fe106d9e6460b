/**
 * Jobs split across threads: the calling thread's side (postJob, runJob) and the helpers' loop
 * (helperLoop); threads.ts has the rest (starting helpers, waiting long, faults). The job's words
 * live in the control block at `ctrl`, in this module's shared memory, so that posting a job,
 * claiming its shares and waiting for the next run here without JavaScript: no thread has
 * JavaScript on the path of a job that V8 would have to compile while a fit runs.
 */
import { runShare } from "./index";

/** performance.now() of the thread (the helpers' spin before they sleep, a test hook's delay). */
// @ts-ignore: decorator
@external("env", "now")
declare function now(): f64;

/** Int32 indices of the control block's words (threads.ts reads them from the generated table). */
export const CTRL_SEQ: i32 = 0;
export const CTRL_CLAIM: i32 = 1;
export const CTRL_DONE: i32 = 2;
export const CTRL_SLEEPERS: i32 = 3;
export const CTRL_MAIN_SLEEP: i32 = 4;
export const CTRL_FN: i32 = 5;
export const CTRL_ARGS: i32 = 6;
/** 1 while the calling thread may post jobs from the module (helpers ready, no solo spell): threads.ts keeps it. */
export const CTRL_OPEN: i32 = 7;
/** Jobs posted, shares the helpers ran and jobs that found a helper asleep (postJob counts them; the pool's statistics). */
export const CTRL_JOBS: i32 = 8;
export const CTRL_HELPER_SHARES: i32 = 9;
export const CTRL_WAKES: i32 = 10;
/** Shares the calling thread ran of a job the module posted and left for the caller to finish. */
export const CTRL_MINE: i32 = 11;
export const CTRL_READY: i32 = 16;
export const CTRL_QUIT: i32 = 80;
export const CTRL_SCRATCH: i32 = 144;
export const CTRL_SLOW: i32 = 208;
export const CTRL_OWNER: i32 = 272;
export const CTRL_STATUS: i32 = 1296;
/** Per helper: the share it is running, as (job tag << 10) | share, or -1 (what a trap left unfinished, see helperLoop). */
export const CTRL_RUNNING: i32 = 2320;
export const CTRL_WORDS: i32 = 2384;

// @ts-ignore: decorator
@inline function word(ctrl: usize, i: i32): usize {
  return ctrl + (<usize>i << 2);
}

/**
 * Claims the next unclaimed share of the posted job for `owner` (0: the calling thread, else a
 * helper): returns the claim word it took ((job tag << 20) | (shares << 10) | share), or 0 when
 * every share is claimed (a word taken is never 0: its shares field is at least 1; and it is
 * negative for tags from 2048). Every thread claims through this, so each share runs exactly once.
 */
// @ts-ignore: decorator
@inline function claim(ctrl: usize, owner: i32): i32 {
  for (;;) {
    const w = atomic.load<i32>(word(ctrl, CTRL_CLAIM));
    if ((w & 1023) >= ((w >>> 10) & 1023)) return 0;
    if (atomic.cmpxchg<i32>(word(ctrl, CTRL_CLAIM), w, w + 1) != w) continue;
    atomic.store<i32>(word(ctrl, CTRL_OWNER + (w & 1023)), owner);
    return w;
  }
}

/** Marks share `k` of the job tagged `tag` done without fault (what the caller's wait and jobSucceeded read). */
// @ts-ignore: decorator
@inline function done(ctrl: usize, k: i32, tag: i32): void {
  atomic.store<i32>(word(ctrl, CTRL_STATUS + k), tag << 1);
  atomic.add<i32>(word(ctrl, CTRL_DONE), 1);
}

/**
 * Posts job `seq`: share function `index` with the arguments at `args`, as `shares` shares (at most
 * 1023). Wakes sleeping helpers, then claims and runs shares itself until none is left unclaimed,
 * and counts the job in the pool's statistics. Returns how many shares it ran. The caller waits for
 * the helpers' shares (CTRL_DONE reaching `shares`).
 */
export function postJob(ctrl: usize, index: i32, shares: i32, args: usize, scratch: usize, seq: i32): i32 {
  const tag = seq & 0xfff;
  atomic.store<i32>(word(ctrl, CTRL_ARGS), <i32>args);
  atomic.store<i32>(word(ctrl, CTRL_FN), index);
  for (let k = 0; k < shares; k++) atomic.store<i32>(word(ctrl, CTRL_STATUS + k), -1);
  atomic.store<i32>(word(ctrl, CTRL_DONE), 0);
  atomic.store<i32>(word(ctrl, CTRL_CLAIM), (tag << 20) | (shares << 10));
  atomic.store<i32>(word(ctrl, CTRL_SEQ), seq);
  if (atomic.load<i32>(word(ctrl, CTRL_SLEEPERS)) > 0) {
    atomic.notify(word(ctrl, CTRL_SEQ), -1);
    atomic.add<i32>(word(ctrl, CTRL_WAKES), 1);
  }
  let mine = 0;
  for (let w = claim(ctrl, 0); w != 0; w = claim(ctrl, 0)) {
    const k = w & 1023;
    runShare(index, k, shares, scratch, args);
    done(ctrl, k, tag);
    mine++;
  }
  atomic.add<i32>(word(ctrl, CTRL_JOBS), 1);
  atomic.add<i32>(word(ctrl, CTRL_HELPER_SHARES), shares - mine);
  return mine;
}

/** Whether every share of job `seq` (`shares` of them) finished without failing. */
export function jobSucceeded(ctrl: usize, shares: i32, seq: i32): bool {
  const ok = (seq & 0xfff) << 1;
  for (let k = 0; k < shares; k++) if (atomic.load<i32>(word(ctrl, CTRL_STATUS + k)) != ok) return false;
  return true;
}

/** Spins of the calling thread waiting for the helpers' shares before it hands the job to JavaScript. */
const SPIN_LIMIT: i32 = 1 << 18;

/**
 * The calling thread's JavaScript for a job whose helpers' shares took longer than the module spins,
 * or failed (threads.ts finishPosted): it waits longer, recomputes what failed and paces the pool.
 * An import, so that the replay's JavaScript has no branch for it: V8 compiled that branch only when
 * a helper was first late, and recompiled the replay then (10-17 ms of a W1 fit's later epochs).
 */
// @ts-ignore: decorator
@external("env", "lateJob")
declare function lateJob(index: i32, shares: i32, args: usize): void;

/**
 * Posts share function `index` with the arguments at `args` as `shares` shares (job number SEQ + 1),
 * runs shares of it, and waits a while for the helpers' shares; a job not finished by then, or with
 * a failed share, goes to lateJob (CTRL_MINE holds the shares this thread ran). Returns once the job
 * is done.
 */
export function runJob(ctrl: usize, index: i32, shares: i32, args: usize, scratch: usize): void {
  const seq = atomic.load<i32>(word(ctrl, CTRL_SEQ)) + 1;
  const mine = postJob(ctrl, index, shares, args, scratch, seq);
  let spins = 0;
  while (atomic.load<i32>(word(ctrl, CTRL_DONE)) < shares && spins < SPIN_LIMIT) spins++;
  if (spins < SPIN_LIMIT && jobSucceeded(ctrl, shares, seq)) return;
  atomic.store<i32>(word(ctrl, CTRL_MINE), mine);
  lateJob(index, shares, args);
}

/**
 * Helper `me`'s loop: claims and runs shares of posted jobs until none is left, then spins for the
 * next job (SEQ moving past `seen`) for up to `spinMs` milliseconds before sleeping on SEQ. Returns
 * 0 when told to quit, 2 for the test hook that makes it stop holding a claimed share. A share that
 * traps (or the test hook that makes one trap) unwinds to the caller, the worker's JavaScript, which
 * marks the share named in CTRL_RUNNING failed and calls again with the SEQ it reads then.
 */
export function helperLoop(ctrl: usize, me: i32, seen: i32, spinMs: f64): i32 {
  for (;;) {
    for (let w = claim(ctrl, me); w != 0; w = claim(ctrl, me)) {
      const shares = (w >>> 10) & 1023;
      const k = w & 1023;
      const tag = w >>> 20;
      atomic.store<i32>(word(ctrl, CTRL_RUNNING + me), (tag << 10) | k);
      // test hooks: stop holding the share (2); trap in it once (3); spin CTRL_SLOW ms before it (a core taken)
      const hook = atomic.load<i32>(word(ctrl, CTRL_QUIT + me));
      if (hook == 2) return 2;
      if (hook == 3) {
        atomic.store<i32>(word(ctrl, CTRL_QUIT + me), 0);
        unreachable();
      }
      const slow = atomic.load<i32>(word(ctrl, CTRL_SLOW + me));
      if (slow > 0) for (const t = now(); now() - t < <f64>slow; );
      runShare(atomic.load<i32>(word(ctrl, CTRL_FN)), k, shares, <usize>atomic.load<i32>(word(ctrl, CTRL_SCRATCH + me)), <usize>atomic.load<i32>(word(ctrl, CTRL_ARGS)));
      atomic.store<i32>(word(ctrl, CTRL_RUNNING + me), -1);
      done(ctrl, k, tag);
      if (atomic.load<i32>(word(ctrl, CTRL_MAIN_SLEEP)) != 0) atomic.notify(word(ctrl, CTRL_DONE), -1);
    }
    let seq = atomic.load<i32>(word(ctrl, CTRL_SEQ));
    let t0 = now();
    let spins = 0;
    while (seq == seen) {
      if ((++spins & 255) == 0 && now() - t0 > spinMs) {
        atomic.add<i32>(word(ctrl, CTRL_SLEEPERS), 1);
        memory.atomic.wait32(word(ctrl, CTRL_SEQ), seen, -1);
        atomic.sub<i32>(word(ctrl, CTRL_SLEEPERS), 1);
        t0 = now();
      }
      seq = atomic.load<i32>(word(ctrl, CTRL_SEQ));
    }
    seen = seq;
    if (atomic.load<i32>(word(ctrl, CTRL_QUIT + me)) == 1) return 0;
  }
  return 0; // not reached (the loop ends by returning)
}
