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
  const c = new Int32Array(d.ctrl);
  const a = new Float64Array(d.ctrl, L.ARGS_BYTE, L.MAX_ARGS);
  const me = d.executor;
  let fns;
  try {
    const inst = new WebAssembly.Instance(d.module, { env: { memory: d.memory } });
    fns = d.names.map((n) => inst.exports[n]);
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
        const f = fns[Atomics.load(c, L.FN)];
        const sc = Atomics.load(c, L.SCRATCH + me);
        switch (f.length - 3) {
          case 1: f(k, shares, sc, a[0]); break;
          case 2: f(k, shares, sc, a[0], a[1]); break;
          case 3: f(k, shares, sc, a[0], a[1], a[2]); break;
          case 4: f(k, shares, sc, a[0], a[1], a[2], a[3]); break;
          case 5: f(k, shares, sc, a[0], a[1], a[2], a[3], a[4]); break;
          case 6: f(k, shares, sc, a[0], a[1], a[2], a[3], a[4], a[5]); break;
          case 7: f(k, shares, sc, a[0], a[1], a[2], a[3], a[4], a[5], a[6]); break;
          case 8: f(k, shares, sc, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]); break;
          case 9: f(k, shares, sc, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8]); break;
          case 10: f(k, shares, sc, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9]); break;
          case 11: f(k, shares, sc, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10]); break;
          case 12: f(k, shares, sc, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11]); break;
          default: f(k, shares, sc, ...a);
        }
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
