import * as fs from "node:fs/promises";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { resolveSavedDir, writeDirAtomic, type FsLike } from "../../src/model/io-node.js";

const root = mkdtempSync(join(tmpdir(), "bp-io-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const files = (tag: string) => [
  { name: "model.json", data: `{"tag":"${tag}"}` },
  { name: "weights.bin", data: new Uint8Array([1, 2, 3, tag.length]) },
];

/** The real fs with one call replaced: simulates a failure (disk full, crash) at that point. */
function failing(at: "write-weights" | "rename-into-place" | "rename-both"): FsLike {
  let renames = 0;
  return {
    ...fs,
    open: (async (p: string, flags: string) => {
      const fh = await fs.open(p, flags);
      if (at === "write-weights" && p.endsWith("weights.bin")) {
        return Object.assign(Object.create(Object.getPrototypeOf(fh) as object) as object, fh, {
          writeFile: async (data: Uint8Array) => {
            await fh.writeFile(data.subarray(0, 2));
            throw new Error("ENOSPC: no space left on device");
          },
          close: () => fh.close(),
          sync: () => fh.sync(),
        });
      }
      return fh;
    }) as FsLike["open"],
    rename: (async (a: string, b: string) => {
      renames++;
      const isIntoPlace = a.includes(".tmp-");
      if (at === "rename-into-place" && isIntoPlace) throw new Error("EIO: simulated crash");
      if (at === "rename-both" && (isIntoPlace || renames > 1)) throw new Error("EIO: simulated crash");
      return fs.rename(a, b);
    }) as FsLike["rename"],
  };
}

const tag = (dir: string) => (JSON.parse(readFileSync(join(dir, "model.json"), "utf8")) as { tag: string }).tag;
const leftovers = () => readdirSync(root).filter((n) => n.startsWith("."));

describe("atomic directory writes", () => {
  test("a fresh save writes the files and leaves nothing else", async () => {
    await writeDirAtomic("save", join(root, "a"), files("one"));
    expect(readdirSync(join(root, "a")).sort()).toEqual(["model.json", "weights.bin"]);
    expect(tag(join(root, "a"))).toBe("one");
    expect(leftovers()).toEqual([]);
  });

  test("a second save replaces the first", async () => {
    await writeDirAtomic("save", join(root, "a"), files("two"));
    expect(tag(join(root, "a"))).toBe("two");
    expect(leftovers()).toEqual([]);
  });

  test.each(["write-weights", "rename-into-place"] as const)("a failure at %s keeps the previous model and cleans up", async (at) => {
    await writeDirAtomic("save", join(root, "b"), files("old"));
    await expect(writeDirAtomic("save", join(root, "b"), files("new"), failing(at))).rejects.toThrow(bp.BackpropError);
    expect(tag(join(root, "b"))).toBe("old");
    expect([...readFileSync(join(root, "b", "weights.bin"))]).toEqual([1, 2, 3, 3]);
    expect(leftovers()).toEqual([]);
  });

  test("a failure on a fresh save leaves no directory at all", async () => {
    await expect(writeDirAtomic("save", join(root, "c"), files("x"), failing("write-weights"))).rejects.toThrow(/no space left/);
    expect(readdirSync(root).filter((n) => n.includes("c"))).toEqual([]);
  });

  test("a crash between moving the old model aside and renaming the new one: load finds the old one", async () => {
    await writeDirAtomic("save", join(root, "d"), files("old"));
    await expect(writeDirAtomic("save", join(root, "d"), files("new"), failing("rename-both"))).rejects.toThrow(/simulated crash/);
    const from = await resolveSavedDir("loadModel", join(root, "d"), "model.json");
    expect(tag(from)).toBe("old");
    // the next save recovers and clears the backup
    await writeDirAtomic("save", join(root, "d"), files("next"));
    expect(tag(join(root, "d"))).toBe("next");
    expect(leftovers()).toEqual([]);
  });

  test("a missing directory is a BackpropError naming it", async () => {
    await expect(resolveSavedDir("loadModel", join(root, "nope"), "model.json")).rejects.toThrow(/no saved model in .*nope/);
  });
});
