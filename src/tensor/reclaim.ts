/**
 * The safety net for tensors outside every scope: a FinalizationRegistry releases their storage when
 * they are garbage-collected, and a budget makes the engine react to its own memory pressure.
 *
 * Budget: `watchedBytes` counts the storage of tensors that only the collector can free. When it has
 * grown since the last collection by more than max(FLOOR, the bytes still held after that
 * collection), the engine requests a collection and runs the registry's callbacks before it
 * allocates more, so a loop that drops its results runs in memory bounded by about twice what it
 * really holds plus FLOOR, at a cost of one collection per FLOOR bytes dropped. Tensors in scopes
 * (everything inside fit / evaluate / predict and bp.tidy) are freed when their scope ends and never
 * count here. Where no collection can be requested (browsers), callbacks run whenever the runtime
 * collects on its own.
 */
import type { Storage } from "../backend/backend.js";
import { nodeCollector, type Collector, type Registry } from "./collector.js";

/** Bytes dropped between two requested collections, at least. */
export const FLOOR = 256 * 2 ** 20;

function bytesOf(s: Storage): number {
  return s.size * (s.dtype === "float64" ? 8 : 4);
}

export class Reclaimer {
  private readonly collector: Collector | undefined;
  private readonly registry: Registry<Storage>;
  /** Bytes of storage held by watched tensors (a storage shared by two of them counts twice). */
  watchedBytes = 0;
  /** watchedBytes right after the last collection. */
  private heldAfter = 0;
  /** A collection was requested whose callbacks have not run yet (runtimes without cleanupSome). */
  private pending = false;
  /** Cleared by tests to act as a runtime where no collection can be requested. */
  enabled = true;
  /** Collections requested so far (for tests and benches). */
  collections = 0;

  /** `collector`: how to request a collection (default: Node's, where available; null: none). */
  constructor(onCollected: (s: Storage) => void, collector?: Collector | null) {
    this.collector = collector === undefined ? nodeCollector() : (collector ?? undefined);
    const Registry = this.collector?.Registry ?? FinalizationRegistry;
    this.registry = new Registry<Storage>((s) => {
      this.dropped(s);
      this.pending = false;
      onCollected(s);
    });
  }

  /** True when a collection can be requested and its callbacks run synchronously. */
  get synchronous(): boolean {
    return this.enabled && this.collector !== undefined && this.registry.cleanupSome !== undefined;
  }

  /** Puts `t` (holding `s`) under the collector's watch; `t` is also the unregister token. */
  watch(t: object, s: Storage): void {
    this.registry.register(t, s, t);
    this.watchedBytes += bytesOf(s);
  }

  /** Takes `t` off the watch list (it was disposed); false if it was not on it. */
  unwatch(t: object, s: Storage): boolean {
    if (!this.registry.unregister(t)) return false;
    this.dropped(s);
    return true;
  }

  private dropped(s: Storage): void {
    this.watchedBytes -= bytesOf(s);
    if (this.watchedBytes < this.heldAfter) this.heldAfter = this.watchedBytes;
  }

  /** Called before allocating `bytes`: collects first when the bytes dropped since the last collection pass the budget. */
  beforeAlloc(bytes: number): void {
    const grown = this.watchedBytes + bytes - this.heldAfter;
    if (grown > Math.max(FLOOR, this.heldAfter)) this.collect();
  }

  /**
   * Requests a full collection and runs the callbacks of the tensors it found dead. Returns true if
   * storage may have been released (so a failed allocation is worth retrying).
   */
  collect(): boolean {
    if (!this.enabled || !this.collector) return false;
    const cleanupSome = this.registry.cleanupSome;
    if (!cleanupSome && this.pending) return false; // the last request's callbacks have not run yet
    const before = this.watchedBytes;
    this.collector.gc();
    this.collections++;
    // until the callbacks run, what was collected still counts; they lower heldAfter as they run
    this.heldAfter = this.watchedBytes;
    if (!cleanupSome) {
      this.pending = true;
      return false;
    }
    cleanupSome.call(this.registry);
    return this.watchedBytes < before;
  }
}
