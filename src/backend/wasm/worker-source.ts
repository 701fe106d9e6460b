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
  // the layout's words read once: V8 compiles this loop while it spins, before any job, and a
  // property read first met in a job had no type feedback and threw the loop back to the interpreter
  const SEQ = L.SEQ, SLEEPERS = L.SLEEPERS, CLAIM = L.CLAIM, OWNER = L.OWNER, QUIT = L.QUIT + me;
  const SLOW = L.SLOW + me, FN = L.FN, SCRATCH = L.SCRATCH + me, STATUS = L.STATUS, DONE = L.DONE;
  const MAIN_SLEEP = L.MAIN_SLEEP, spinMs = d.spinMs;
  // every job takes the same path through this loop: an argument array per arity, made here (a
  // branch or a growing array first met in a later job would throw the compiled loop back too)
  const arity = fns.map((f) => f.length);
  const argvs = [];
  for (let n = 0; n <= L.MAX_ARGS + 3; n++) argvs.push(tagged(n));
  let seen = Atomics.load(c, SEQ);
  for (;;) {
    let seq = Atomics.load(c, SEQ);
    let t0 = performance.now();
    let spins = 0;
    while (seq === seen) {
      if ((++spins & 255) === 0 && performance.now() - t0 > spinMs) {
        Atomics.add(c, SLEEPERS, 1);
        Atomics.wait(c, SEQ, seen);
        Atomics.sub(c, SLEEPERS, 1);
        t0 = performance.now();
      }
      seq = Atomics.load(c, SEQ);
    }
    seen = seq;
    if (Atomics.load(c, QUIT) === 1) return;
    for (;;) {
      const w = Atomics.load(c, CLAIM);
      const shares = (w >>> 10) & 1023;
      const k = w & 1023;
      if (k >= shares) break;
      if (Atomics.compareExchange(c, CLAIM, w, w + 1) !== w) continue;
      const tag = w >>> 20;
      Atomics.store(c, OWNER + k, me);
      if (Atomics.load(c, QUIT) === 2) return; // test hook: die holding a claimed share
      const slow = Atomics.load(c, SLOW); // test hook: a helper whose core is taken
      if (slow > 0) for (const t = performance.now(); performance.now() - t < slow; );
      let status = tag << 1;
      try {
        const fn = Atomics.load(c, FN);
        const argv = argvs[arity[fn]];
        argv[0] = k;
        argv[1] = shares;
        argv[2] = Atomics.load(c, SCRATCH);
        for (let i = 3; i < argv.length; i++) argv[i] = a[i - 3];
        // one call site for every export and arity (a call site per arity had no type feedback
        // until a job of that arity came)
        Reflect.apply(fns[fn], undefined, argv);
      } catch (e) {
        status |= 1;
      }
      Atomics.store(c, STATUS + k, status);
      Atomics.add(c, DONE, 1);
      if (Atomics.load(c, MAIN_SLEEP) !== 0) Atomics.notify(c, DONE);
    }
  }
}

/**
 * An array of n elements of the tagged kind: whole numbers are stored unboxed and only fractions as
 * heap numbers (an array of doubles would box every argument at every call).
 */
function tagged(n) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(undefined);
  return out;
}
`;
