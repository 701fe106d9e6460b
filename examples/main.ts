/** Shared by the examples: run `run()` and print its figures when the file is the script being executed. */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

/** True when the module at `metaUrl` is the script node / tsx was started with. */
export function isMain(metaUrl: string): boolean {
  const script = process.argv[1];
  return script !== undefined && pathToFileURL(resolve(script)).href === metaUrl;
}

/** Runs `run` if this module is the entry script, printing a report of what it returns. */
export function runIfMain<T>(metaUrl: string, run: () => Promise<T>, report: (result: T) => string): void {
  if (!isMain(metaUrl)) return;
  run().then(
    (result) => console.log(report(result)),
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}

/** "0.1234" with a fixed number of decimals, for reports. */
export const fmt = (v: number, digits = 4): string => v.toFixed(digits);
