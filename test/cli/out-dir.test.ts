/**
 * `backprop train --out DIR` is checked before any training: a path inside a regular file, an empty
 * path, a directory it may not write in or a read-only file system is exit 2 at once. Staging
 * directories left by runs whose process died are removed by the next run in the same parent.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { EXIT } from "../../src/cli/exit.js";
import { cli, start, tmp } from "./helpers.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
/** Enough training that a check made only after it would show "Epoch" lines first. */
const TRAIN = ["train", "--model", "mlp", "--limit", "100", "--epochs", "2"];

describe("--out is checked before training", () => {
  test("an empty --out is a usage error", async () => {
    const r = await cli(...TRAIN, "--out", "");
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toMatch(/^backprop train: --out must not be empty/);
    expect(r.stderr).not.toContain("Epoch");
  });

  test("--out inside a regular file is a usage error", async () => {
    const dir = tmp("bp-cli-out-");
    writeFileSync(join(dir, "file"), "x");
    const r = await cli(...TRAIN, "--out", join(dir, "file", "sub", "run"));
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toMatch(/--out .*file\/sub\/run: .*file is not a directory/);
    expect(r.stderr).not.toContain("Epoch");
    expect(readdirSync(dir)).toEqual(["file"]);
  });

  test("--out naming a regular file is a usage error", async () => {
    const dir = tmp("bp-cli-out-");
    writeFileSync(join(dir, "file"), "x");
    const r = await cli(...TRAIN, "--out", join(dir, "file"));
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toMatch(/exists and is not a directory/);
    expect(r.stderr).not.toContain("Epoch");
  });

  test("a directory the user may not write in is a usage error", () => {
    const dir = tmp("bp-cli-out-");
    const locked = join(dir, "locked");
    mkdirSync(locked, { mode: 0o555 });
    chmodSync(locked, 0o555);
    // root may write anywhere: as root, run in a user namespace as its "nobody", which owns nothing
    // there but still reads the checkout (the files keep their real owner)
    const cmd = [process.execPath, join(root, "bin", "backprop.js"), ...TRAIN, "--out", join(locked, "run")];
    const asRoot = process.getuid?.() === 0;
    const run = asRoot ? spawnSync("unshare", ["-U", "--map-user=65534", "--map-group=65534", ...cmd], { encoding: "utf8", timeout: 120_000 }) : spawnSync(cmd[0]!, cmd.slice(1), { encoding: "utf8", timeout: 120_000 });
    const r = { code: run.status, stderr: run.stderr };
    expect(r.stderr).not.toMatch(/unshare:/);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toMatch(/--out .*locked\/run: cannot write in .*locked \(permission denied\)/);
    expect(r.stderr).not.toContain("Epoch");
    expect(readdirSync(locked)).toEqual([]);
  }, 120_000);

  test("a read-only file system is a usage error", () => {
    const dir = tmp("bp-cli-out-");
    const ro = join(dir, "ro");
    mkdirSync(ro);
    // a private mount namespace with a read-only tmpfs on `ro`, and the command inside it
    const script = `mount -t tmpfs -o ro,size=1m tmpfs "$1" && exec "$2" "$3" ${TRAIN.join(" ")} --out "$1/run"`;
    const r = spawnSync("unshare", ["-rm", "sh", "-c", script, "sh", ro, process.execPath, join(root, "bin", "backprop.js")], { encoding: "utf8", timeout: 120_000 });
    expect(r.stderr).not.toMatch(/unshare:|mount:/); // the namespace was made
    expect(r.status).toBe(EXIT.usage);
    expect(r.stderr).toMatch(/--out .*ro\/run: cannot write in .*ro \(read-only file system\)/);
    expect(r.stderr).not.toContain("Epoch");
  }, 120_000);
});

describe("stale staging directories", () => {
  test("those of dead processes are removed by the next run in the same parent; live ones stay", async () => {
    const dir = tmp("bp-cli-stale-");
    const dead = spawnSync(process.execPath, ["-e", "0"]).pid!;
    const stale = join(dir, `.old.partial-${dead}`);
    mkdirSync(join(stale, "model"), { recursive: true });
    writeFileSync(join(stale, "model", "weights.bin"), new Uint8Array(1000));
    const live = `.busy.partial-${process.ppid}`;
    mkdirSync(join(dir, live));
    mkdirSync(join(dir, ".notes.partial-x"));
    // named like a staging directory of a dead process, but holding what no run writes: not touched
    const foreign = `.mine.partial-${dead}`;
    mkdirSync(join(dir, foreign));
    writeFileSync(join(dir, foreign, "notes.txt"), "mine");
    const r = await cli(...TRAIN, "--out", join(dir, "run"));
    expect(r.code).toBe(EXIT.ok);
    expect(existsSync(stale)).toBe(false);
    expect(readdirSync(dir).sort()).toEqual([live, ".notes.partial-x", foreign, "run"].sort());
  }, 120_000);

  test("a run killed outright leaves a staging directory that the next run removes", async () => {
    const dir = tmp("bp-cli-stale-");
    const p = start(["train", "--model", "mlp", "--limit", "500", "--epochs", "100", "--out", join(dir, "a")]);
    await p.waitForStderr(/Epoch 1\//);
    p.child.kill("SIGKILL");
    await p.ended;
    expect(readdirSync(dir).some((n) => n.startsWith(".a.partial-"))).toBe(true);
    const r = await cli(...TRAIN, "--out", join(dir, "b"));
    expect(r.code).toBe(EXIT.ok);
    expect(readdirSync(dir)).toEqual(["b"]);
  }, 180_000);
});
