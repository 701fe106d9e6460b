/**
 * Node's file system, loaded on first use. The specifier is computed so browser bundlers leave it
 * alone: importing backprop in a browser never pulls in node:fs; only save / load / csvLogger need it.
 */
import { BackpropError } from "../errors.js";

export type NodeFs = typeof import("node:fs/promises");
export type NodePath = typeof import("node:path");

let cached: { fs: NodeFs; path: NodePath } | undefined;

/** node:fs/promises and node:path, or a BackpropError naming `op` outside Node. */
export async function nodeModules(op: string): Promise<{ fs: NodeFs; path: NodePath }> {
  if (cached) return cached;
  const fsName = "node:fs/promises";
  const pathName = "node:path";
  try {
    const [fs, path] = await Promise.all([
      import(/* @vite-ignore */ fsName) as Promise<NodeFs>,
      import(/* @vite-ignore */ pathName) as Promise<NodePath>,
    ]);
    cached = { fs, path };
    return cached;
  } catch (e) {
    throw new BackpropError(`${op}: needs Node's file system (node:fs), which is not available here: ${(e as Error).message}`);
  }
}
