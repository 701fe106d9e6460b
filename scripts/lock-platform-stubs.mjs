#!/usr/bin/env node
/* global URL, console */
// Adds lock-file entries for rollup's platform binaries that this machine's npm registry mirror does not
// carry (it answers 404 for them, so `npm install` leaves them out of package-lock.json, and `npm ci`
// then refuses the lock as out of sync). Each stub records the package's os/cpu/libc, so npm skips it
// as incompatible with this platform without fetching anything. Run after changing dependencies:
//   node scripts/lock-platform-stubs.mjs
import { readFileSync, writeFileSync } from "node:fs";

const file = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(file, "utf8"));
const pkgs = lock.packages;
let added = 0;
for (const [path, entry] of Object.entries(pkgs)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (!name.startsWith("@rollup/rollup-") || pkgs[key] || pkgs[`${path}/${key}`]) continue;
    const parts = name.slice("@rollup/rollup-".length).split("-");
    const os = parts[0];
    const cpu = parts[1];
    const libc = parts[2] === "gnu" ? ["glibc"] : parts[2] === "musl" ? ["musl"] : undefined;
    pkgs[key] = { version, cpu: [cpu], dev: entry.dev ?? false, ...(libc ? { libc } : {}), optional: true, os: [os] };
    added++;
  }
}
const sorted = Object.fromEntries(Object.entries(pkgs).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a < b ? -1 : 1)));
lock.packages = sorted;
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`lock-platform-stubs: ${added} entries added`);
