/**
 * Yielding to the event loop during long loops, so that timers, signal handlers, progress rendering
 * and abort requests run while a model trains. A Pacer yields only once a time slice has passed, so
 * the cost is one macrotask turn per slice, not one per batch.
 */

/** Longest stretch of work (ms) between two yields; settable for benchmarks (Infinity: never yield). */
let sliceMs = 25;

/** Sets the slice of every Pacer made afterwards; returns the previous one (bench/ compares settings). */
export function setYieldSlice(ms: number): number {
  const previous = sliceMs;
  sliceMs = ms;
  return previous;
}

type Resolve = () => void;
/** The part of the browser's MessageChannel used here (typed here: the core is built without DOM types). */
interface Channel {
  port1: { onmessage: ((ev: unknown) => void) | null; unref?(): void };
  port2: { postMessage(message: unknown): void };
}
let channel: { post(): void; waiting: Resolve[] } | undefined;

/** A macrotask turn through MessageChannel (browsers: no 4 ms clamp as with nested setTimeout(0)). */
function viaMessageChannel(resolve: Resolve): boolean {
  const MC = (globalThis as unknown as { MessageChannel?: new () => Channel }).MessageChannel;
  if (typeof MC !== "function") return false;
  if (!channel) {
    const mc = new MC();
    const waiting: Resolve[] = [];
    mc.port1.onmessage = () => waiting.shift()?.();
    mc.port1.unref?.(); // where ports hold a process open (Node), this one must not
    channel = { post: () => mc.port2.postMessage(null), waiting };
  }
  channel.waiting.push(resolve);
  channel.post();
  return true;
}

/** Resolves after one turn of the event loop: setImmediate where there is one (Node), else a message or timer. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise<void>((resolve) => {
    const g = globalThis as { setImmediate?: (f: () => void) => unknown };
    if (typeof g.setImmediate === "function") {
      g.setImmediate(resolve);
      return;
    }
    if (!viaMessageChannel(resolve)) setTimeout(resolve, 0);
  });
}

const currentSlice = (): number => sliceMs;

/** Yields when at least `sliceMs` have passed since the last yield. */
export class Pacer {
  private last = performance.now();

  constructor(private readonly sliceMs = currentSlice()) {}

  /** Whether a yield is due now. */
  get due(): boolean {
    return performance.now() - this.last >= this.sliceMs;
  }

  /** Yields if the slice is used up (a promise to await); otherwise undefined, at once. */
  pace(): Promise<void> | undefined {
    if (!this.due) return undefined;
    return yieldToEventLoop().then(() => {
      this.last = performance.now();
    });
  }
}
