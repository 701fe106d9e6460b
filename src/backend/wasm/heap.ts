/**
 * The wasm backend's heap: one WebAssembly.Memory (shared with the worker threads when possible)
 * and a size-class allocator that runs on the JS side, so kernels never allocate.
 *
 * Blocks are rounded up to size classes (64-byte multiples, four classes per power of two, so at
 * most ~19 % slack) and freed blocks go to their class's free list; a training loop that allocates
 * the same shapes every step reuses the same blocks and memory stays flat. New blocks come from a
 * bump pointer; when memory runs out the heap grows, and when it cannot grow further, adjacent free
 * blocks are merged and searched before giving up with a MemoryError naming the requested size.
 *
 * Typed-array views are cached per underlying buffer and rebuilt only after the memory grew (which
 * replaces — or, unshared, detaches — the buffer). Nobody holds a view across an allocation.
 */
import { MemoryError } from "../../errors.js";
import { requireWasm, type WasmMemory } from "./wasm-api.js";

const PAGE = 65536;
const ALIGN = 64;

/** Bytes of the size class that holds `bytes`. */
export function sizeClass(bytes: number): number {
  if (bytes <= ALIGN) return ALIGN;
  const step = Math.max(ALIGN, 2 ** (Math.floor(Math.log2(bytes - 1)) - 2));
  return Math.ceil(bytes / step) * step;
}

export class WasmHeap {
  readonly memory: WasmMemory;
  readonly shared: boolean;
  private readonly maxBytes: number;
  private top: number;
  private readonly freeLists = new Map<number, number[]>();
  /** Merged free runs, [ptr, bytes], used only when the memory cannot grow. */
  private runs: [number, number][] = [];
  private buffer: ArrayBufferLike | undefined;
  private f32_: Float32Array<ArrayBufferLike> = new Float32Array(0);
  private f64_: Float64Array<ArrayBufferLike> = new Float64Array(0);
  private i32_: Int32Array<ArrayBufferLike> = new Int32Array(0);
  private u8_: Uint8Array<ArrayBufferLike> = new Uint8Array(0);
  /** Bytes handed out and not yet freed (block sizes). */
  reservedBytes = 0;

  constructor(memory: WasmMemory, shared: boolean, base: number, maxPages: number) {
    this.memory = memory;
    this.shared = shared;
    this.maxBytes = maxPages * PAGE;
    this.top = Math.ceil(base / ALIGN) * ALIGN;
  }

  /**
   * Creates the memory: shared (for threads) when asked and possible, with the largest maximum the
   * host grants, at most `limit` bytes (default 4 GiB, the most 32-bit WebAssembly can address).
   */
  static create(wantShared: boolean, base: number, limit = 65536 * PAGE): WasmHeap {
    const WA = requireWasm();
    const initial = Math.max(16, Math.ceil((base + 16 * PAGE) / PAGE));
    const cap = Math.max(initial, Math.floor(limit / PAGE));
    for (const maximum of [...new Set([65536, 32768, 16384].map((m) => Math.min(m, cap)))]) {
      if (wantShared) {
        try {
          return new WasmHeap(new WA.Memory({ initial, maximum, shared: true }), true, base, maximum);
        } catch {
          // fall through: try a smaller reservation, then unshared memory
        }
      }
      try {
        return new WasmHeap(new WA.Memory({ initial, maximum }), false, base, maximum);
      } catch {
        // try a smaller maximum
      }
    }
    throw new MemoryError("wasm: cannot create WebAssembly memory");
  }

  /** Allocates a block of at least `bytes` (64-byte aligned); `what` names the request in errors. */
  alloc(bytes: number, what: string): { ptr: number; cap: number } {
    const cap = sizeClass(bytes);
    const list = this.freeLists.get(cap);
    let ptr = list?.pop();
    if (ptr === undefined) ptr = this.bump(cap) ?? this.fromRuns(cap);
    if (ptr === undefined) {
      throw new MemoryError(
        `wasm: out of memory allocating ${bytes} bytes (${what}): WebAssembly memory is at ${this.memory.buffer.byteLength} bytes ` +
          `of at most ${this.maxBytes}, ${this.reservedBytes} in use`,
      );
    }
    this.reservedBytes += cap;
    return { ptr, cap };
  }

  free(ptr: number, cap: number): void {
    this.reservedBytes -= cap;
    let list = this.freeLists.get(cap);
    if (!list) {
      list = [];
      this.freeLists.set(cap, list);
    }
    list.push(ptr);
  }

  private bump(cap: number): number | undefined {
    const end = this.top + cap;
    if (end > this.maxBytes) return undefined;
    const have = this.memory.buffer.byteLength;
    if (end > have) {
      const want = Math.min(this.maxBytes, Math.max(end, have + have / 4));
      try {
        this.memory.grow(Math.ceil((want - have) / PAGE));
      } catch {
        try {
          this.memory.grow(Math.ceil((end - have) / PAGE));
        } catch {
          return undefined;
        }
      }
      this.buffer = undefined; // views are rebuilt on next use
    }
    const ptr = this.top;
    this.top = end;
    return ptr;
  }

  /** Merges all free blocks into runs (lowering the bump pointer where they touch it) and takes a first fit. */
  private fromRuns(cap: number): number | undefined {
    const blocks: [number, number][] = [...this.runs];
    for (const [size, list] of this.freeLists) for (const p of list) blocks.push([p, size]);
    this.freeLists.clear();
    blocks.sort((a, b) => a[0] - b[0]);
    const merged: [number, number][] = [];
    for (const b of blocks) {
      const last = merged[merged.length - 1];
      if (last && last[0] + last[1] === b[0]) last[1] += b[1];
      else merged.push([b[0], b[1]]);
    }
    const tail = merged[merged.length - 1];
    if (tail && tail[0] + tail[1] === this.top) {
      this.top = tail[0];
      merged.pop();
    }
    this.runs = merged;
    const fromTop = this.bump(cap);
    if (fromTop !== undefined) return fromTop;
    const i = this.runs.findIndex((r) => r[1] >= cap);
    const run = this.runs[i];
    if (!run) return undefined;
    const ptr = run[0];
    if (run[1] === cap) this.runs.splice(i, 1);
    else {
      run[0] += cap;
      run[1] -= cap;
    }
    return ptr;
  }

  /** Rebuilds the views after the memory grew (only this heap grows it, so no check per use). */
  private refresh(): void {
    if (this.buffer !== undefined) return;
    const b = this.memory.buffer;
    this.buffer = b;
    this.f32_ = new Float32Array(b);
    this.f64_ = new Float64Array(b);
    this.i32_ = new Int32Array(b);
    this.u8_ = new Uint8Array(b);
  }

  /** A Float32Array over the whole memory (transient: do not hold it across an allocation). */
  f32(): Float32Array<ArrayBufferLike> {
    this.refresh();
    return this.f32_;
  }

  /** A Float64Array over the whole memory (transient, as f32()). */
  f64(): Float64Array<ArrayBufferLike> {
    this.refresh();
    return this.f64_;
  }

  i32(): Int32Array<ArrayBufferLike> {
    this.refresh();
    return this.i32_;
  }

  u8(): Uint8Array<ArrayBufferLike> {
    this.refresh();
    return this.u8_;
  }

  /** Bytes of WebAssembly memory currently committed. */
  get size(): number {
    return this.memory.buffer.byteLength;
  }
}
