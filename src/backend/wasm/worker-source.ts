/**
 * The program each helper thread runs, as source text: Node starts it with `eval: true` and
 * browsers from a Blob URL, so it needs no file of its own and no bundler support. It instantiates
 * the same compiled module over the same shared memory and runs the module's helperLoop (claim shares
 * of the posted job until none are left, spin briefly on the job counter, sleep when idle): no
 * JavaScript of a helper runs per job, so V8 has none to compile while a fit runs. A share that
 * traps is marked failed here (the caller recomputes it) and the loop goes on.
 *
 * The control block layout is defined in threads.ts and passed in as `d.layout`.
 */
export const WORKER_SOURCE = String.raw`
function start(d) {
  const L = d.layout;
  const c = new Int32Array(d.memory.buffer, d.ctrlPtr, d.ctrlWords);
  const me = d.executor;
  let helperLoop;
  try {
    const now = () => performance.now();
    const noCaller = () => {
      throw new Error("wasm: a helper ran a replay");
    };
    const inst = new WebAssembly.Instance(d.module, { env: { memory: d.memory, now, lateJob: noCaller, handBack: noCaller } });
    helperLoop = inst.exports.helperLoop;
  } catch (e) {
    Atomics.store(c, L.READY + me, -1);
    throw e;
  }
  Atomics.store(c, L.RUNNING + me, -1);
  Atomics.store(c, L.READY + me, 1);
  let seen = Atomics.load(c, L.SEQ);
  for (;;) {
    try {
      helperLoop(d.ctrlPtr, me, seen, d.spinMs); // returns when told to quit (or by the hang test hook)
      return;
    } catch (e) {
      // a share trapped: it counts as done, failed (the caller recomputes it), and the loop goes on
      seen = Atomics.load(c, L.SEQ);
      const running = Atomics.load(c, L.RUNNING + me);
      Atomics.store(c, L.RUNNING + me, -1);
      if (running < 0) throw e;
      Atomics.store(c, L.STATUS + (running & 1023), ((running >>> 10) << 1) | 1);
      Atomics.add(c, L.DONE, 1);
      if (Atomics.load(c, L.MAIN_SLEEP) !== 0) Atomics.notify(c, L.DONE);
    }
  }
}
`;
