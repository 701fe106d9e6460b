#!/usr/bin/env node
/* global process, URL */
// The `backprop` command. In a checkout (src/ present, tsx installed as a dev dependency) it runs the
// TypeScript sources, so it is never stale; in an installed package it runs the built dist/.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const src = new URL("../src/cli/main.ts", import.meta.url);
const dist = new URL("../dist/cli/main.js", import.meta.url);
let entry;
if (existsSync(fileURLToPath(src))) {
  try {
    const { register } = await import("tsx/esm/api");
    register();
    entry = src;
  } catch {
    // tsx is not installed: fall back to the build
  }
}
if (!entry) {
  if (!existsSync(fileURLToPath(dist))) {
    process.stderr.write("backprop: the command is not built; run `npm run build` (npm pack does it) and try again\n");
    process.exit(70);
  }
  entry = dist;
}
const { main } = await import(entry.href);
await main();
