/**
 * `backprop playground`: serves the built playground (playground/dist, from `npm run build:playground`)
 * on 127.0.0.1 with the cross-origin isolation headers (COOP/COEP), so the page gets
 * SharedArrayBuffer and the wasm backend trains with helper threads. node:http only.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { InputError } from "./exit.js";
import type { CliIO } from "./io.js";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

/** The built playground: playground/dist at the package root (src/cli and dist/cli both sit two levels down). */
export function defaultPlaygroundDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "playground", "dist");
}

/**
 * In a checkout (playground/build.mjs beside the folder) an unbuilt page is built first, as
 * `npm run build:playground` would; an installed package ships the built page.
 */
function buildInCheckout(dir: string, io: CliIO): void {
  const script = join(dirname(resolve(dir)), "build.mjs");
  if (existsSync(join(dir, "index.html")) || !existsSync(script)) return;
  io.err.write("backprop playground: building the page (once)\n");
  execFileSync(process.execPath, [script], { cwd: dirname(dirname(resolve(dir))), stdio: ["ignore", "ignore", "inherit"] });
}

/** Starts a static server for `dir` on 127.0.0.1:`port` (0: any free port). */
export async function servePlayground(dir: string, port = 0): Promise<{ server: Server; url: string }> {
  const root = resolve(dir);
  if (!existsSync(join(root, "index.html"))) {
    throw new InputError(`playground: no built page in ${root} (run \`npm run build:playground\` first)`);
  }
  const server = createServer((req, res) => {
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Cross-Origin-Embedder-Policy", "require-corp");
    res.setHeader("Cross-Origin-Resource-Policy", "same-origin");
    res.setHeader("Cache-Control", "no-cache");
    const path = decodeURIComponent((req.url ?? "/").split(/[?#]/)[0] ?? "/");
    const file = normalize(join(root, path.endsWith("/") ? `${path}index.html` : path));
    if (!file.startsWith(root + sep) || (req.method !== "GET" && req.method !== "HEAD")) {
      res.statusCode = 404;
      res.end();
      return;
    }
    readFile(file).then(
      (body) => {
        res.setHeader("Content-Type", TYPES[extname(file)] ?? "application/octet-stream");
        res.end(req.method === "HEAD" ? undefined : body);
      },
      () => {
        res.statusCode = 404;
        res.end("not found");
      },
    );
  });
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(port, "127.0.0.1", ok);
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return { server, url };
}

/** The command: serves until interrupted (or `signal` aborts) and prints the URL. */
export async function playground(
  o: { port: number; dir?: string },
  io: CliIO,
  signal?: AbortSignal,
): Promise<void> {
  const dir = o.dir ?? defaultPlaygroundDir();
  buildInCheckout(dir, io);
  const { server, url } = await servePlayground(dir, o.port);
  io.out.write(`backprop playground: ${url}\n(Ctrl-C stops the server)\n`);
  signal?.addEventListener("abort", () => server.close());
  await new Promise<void>((ok) => server.once("close", ok));
}
