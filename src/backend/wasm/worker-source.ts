/**
 * The program each helper thread runs, as source text: Node starts it with `eval: true` and
 * browsers from a Blob URL, so it needs no file of its own and no bundler support. It instantiates
 * the same compiled module over the same shared memory, then loops: spin briefly on the job counter,
 * sleep in Atomics.wait when idle, and claim shares of the posted job until none are left.
 *
 * The control block layout is defined in threads.ts and passed in as `d.layout`.
 */
export const WORKER_SOURCE = String.raw`
function start(d) {
  const L = d.layout;
  const c = new Int32Array(d.memory.buffer, d.ctrlPtr, d.ctrlWords);
  const me = d.executor;
  let runShare;
  try {
    const inst = new WebAssembly.Instance(d.module, { env: { memory: d.memory } });
    runShare = inst.exports.runShare;
  } catch (e) {
    Atomics.store(c, L.READY + me, -1);
    throw e;
  }
  Atomics.store(c, L.READY + me, 1);
  let seen = Atomics.load(c, L.SEQ);
  for (;;) {
    let seq = Atomics.load(c, L.SEQ);
    let t0 = performance.now();
    let spins = 0;
    while (seq === seen) {
      if ((++spins & 255) === 0 && performance.now() - t0 > d.spinMs) {
        Atomics.add(c, L.SLEEPERS, 1);
        Atomics.wait(c, L.SEQ, seen);
        Atomics.sub(c, L.SLEEPERS, 1);
        t0 = performance.now();
      }
      seq = Atomics.load(c, L.SEQ);
    }
    seen = seq;
    if (Atomics.load(c, L.QUIT + me) === 1) return;
    for (;;) {
      const w = Atomics.load(c, L.CLAIM);
      const shares = (w >>> 10) & 1023;
      const k = w & 1023;
      if (k >= shares) break;
      if (Atomics.compareExchange(c, L.CLAIM, w, w + 1) !== w) continue;
      const tag = w >>> 20;
      Atomics.store(c, L.OWNER + k, me);
      if (Atomics.load(c, L.QUIT + me) === 2) return; // test hook: die holding a claimed share
      const slow = Atomics.load(c, L.SLOW + me); // test hook: a helper whose core is taken
      if (slow > 0) for (const t = performance.now(); performance.now() - t < slow; );
      let status = tag << 1;
      try {
        runShare(Atomics.load(c, L.FN), k, shares, Atomics.load(c, L.SCRATCH + me), Atomics.load(c, L.ARGS));
      } catch (e) {
        status |= 1;
      }
      Atomics.store(c, L.STATUS + k, status);
      Atomics.add(c, L.DONE, 1);
      if (Atomics.load(c, L.MAIN_SLEEP) !== 0) Atomics.notify(c, L.DONE);
    }
  }
}
`;
