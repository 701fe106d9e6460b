/**
 * The reclaimer's budget, with a stand-in collector whose collections the test decides: a
 * collection is requested only once the bytes that only the collector can free have grown by
 * max(FLOOR, what was held after the last collection); with cleanupSome the dead tensors' storage
 * is released before the allocation proceeds; without it, one request waits for its callbacks.
 */
import { describe, expect, test } from "vitest";
import type { Storage } from "../../src/backend/backend.js";
import type { Collector } from "../../src/tensor/collector.js";
import { FLOOR, Reclaimer } from "../../src/tensor/reclaim.js";

const MB = 2 ** 20;

/** A registry whose targets die when the test says so (`dead`), found by the next gc. */
function fakeCollector(withCleanupSome: boolean): {
  collector: Collector;
  dead: Set<object>;
  gcs: () => number;
  runCallbacks: () => void;
} {
  const dead = new Set<object>();
  let gcs = 0;
  const registries: FakeRegistry[] = [];
  class FakeRegistry {
    entries = new Map<object, Storage>();
    found: Storage[] = [];
    constructor(private readonly cleanup: (s: Storage) => void) {
      registries.push(this);
      if (withCleanupSome) (this as { cleanupSome?: () => void }).cleanupSome = () => this.run();
    }
    register(t: object, s: Storage): void {
      this.entries.set(t, s);
    }
    unregister(t: object): boolean {
      return this.entries.delete(t);
    }
    collect(): void {
      for (const [t, s] of this.entries) {
        if (!dead.has(t)) continue;
        this.entries.delete(t);
        this.found.push(s);
      }
    }
    run(): void {
      for (const s of this.found.splice(0)) this.cleanup(s);
    }
  }
  const collector = {
    gc: () => {
      gcs++;
      registries.forEach((r) => r.collect());
    },
    Registry: FakeRegistry as unknown as Collector["Registry"],
  };
  return { collector, dead, gcs: () => gcs, runCallbacks: () => registries.forEach((r) => r.run()) };
}

const storage = (bytes: number): Storage => ({ dtype: "float32", size: bytes / 4, refCount: 1 });

describe("the reclaimer's budget", () => {
  test("with cleanupSome: a collection per FLOOR bytes dropped, released before the allocation", () => {
    const fake = fakeCollector(true);
    const released: Storage[] = [];
    const r = new Reclaimer((s) => released.push(s), fake.collector);
    const step = 8 * MB;
    // a loop that drops every result: collections come every FLOOR bytes, and what they find is released at once
    for (let i = 0; i < 200; i++) {
      r.beforeAlloc(step);
      const t = {};
      r.watch(t, storage(step));
      fake.dead.add(t);
      expect(r.watchedBytes).toBeLessThanOrEqual(FLOOR + step);
    }
    expect(fake.gcs()).toBe(Math.floor((200 * step) / (FLOOR + step)));
    expect(released.length).toBeGreaterThan(150);
  });

  test("live bytes raise the budget: held memory is not collected over and over", () => {
    const fake = fakeCollector(true);
    const r = new Reclaimer(() => undefined, fake.collector);
    const live = 1024 * MB;
    for (let i = 0; i < 64; i++) r.watch({}, storage(live / 64)); // kept by the caller, never dead
    r.beforeAlloc(0);
    expect(fake.gcs()).toBe(1); // 1 GB passed the floor once
    for (let i = 0; i < 100; i++) {
      r.beforeAlloc(8 * MB);
      const t = {};
      r.watch(t, storage(8 * MB));
      fake.dead.add(t);
    }
    // the next collection waits for as many bytes dropped as were held (1 GB), not the 256 MB floor
    expect(fake.gcs()).toBe(1);
    for (let i = 0; i < 50; i++) {
      r.beforeAlloc(8 * MB);
      r.watch({}, storage(8 * MB));
    }
    expect(fake.gcs()).toBe(2);
  });

  test("disposed tensors leave the count, and lower the mark the budget is measured from", () => {
    const fake = fakeCollector(true);
    const r = new Reclaimer(() => undefined, fake.collector);
    const held = Array.from({ length: 64 }, () => ({}));
    held.forEach((t) => r.watch(t, storage(16 * MB)));
    r.beforeAlloc(0);
    expect(fake.gcs()).toBe(1);
    held.forEach((t) => expect(r.unwatch(t, storage(16 * MB))).toBe(true));
    expect(r.watchedBytes).toBe(0);
    expect(r.unwatch(held[0]!, storage(16 * MB))).toBe(false); // not twice
    for (let i = 0; i < 40; i++) {
      r.beforeAlloc(8 * MB);
      r.watch({}, storage(8 * MB));
    }
    expect(fake.gcs()).toBe(2); // after 256 MB, not after another 1 GB
  });

  test("without cleanupSome: one request, then none until its callbacks have run", () => {
    const fake = fakeCollector(false);
    const released: Storage[] = [];
    const r = new Reclaimer((s) => released.push(s), fake.collector);
    const drop = (): void => {
      r.beforeAlloc(8 * MB);
      const t = {};
      r.watch(t, storage(8 * MB));
      fake.dead.add(t);
    };
    for (let i = 0; i < 100; i++) drop();
    expect(fake.gcs()).toBe(1);
    expect(released).toEqual([]); // callbacks run on a later task
    fake.runCallbacks();
    expect(released.length).toBeGreaterThan(0);
    drop();
    expect(fake.gcs()).toBe(2);
  });

  test("switched off, or with no collector, nothing is requested", () => {
    const fake = fakeCollector(true);
    const off = new Reclaimer(() => undefined, fake.collector);
    off.enabled = false;
    off.watch({}, storage(FLOOR * 2));
    off.beforeAlloc(0);
    expect(off.collect()).toBe(false);
    expect(fake.gcs()).toBe(0);
    const none = new Reclaimer(() => undefined, null);
    none.watch({}, storage(FLOOR * 2));
    expect(none.collect()).toBe(false);
    expect(none.synchronous).toBe(false);
  });
});
