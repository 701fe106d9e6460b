/**
 * Headless Chromium for the browser tests (Debian's /usr/bin/chromium driven by playwright-core).
 * Without it a test is skipped with the reason, except in CI (CI=true), where it must be there.
 */
import { existsSync } from "node:fs";

export const CHROMIUM = process.env.BACKPROP_CHROMIUM ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];
const IN_CI = process.env.CI === "true" || process.env.CI === "1";
const INSTALL = "install it (Debian/Ubuntu: apt-get install -y chromium) or point BACKPROP_CHROMIUM at a Chromium binary";

/** Why browser tests do not run here, or undefined when they run. */
export const SKIP_REASON =
  process.env.BACKPROP_SKIP_BROWSER === "1"
    ? "BACKPROP_SKIP_BROWSER=1"
    : !existsSync(CHROMIUM) && !IN_CI
      ? `Chromium not found at ${CHROMIUM}: ${INSTALL}`
      : undefined;

/** Throws the instructions when Chromium is missing (reached only in CI, where that is a failure). */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`browser test: Chromium not found at ${CHROMIUM} and CI=true, where it is required: ${INSTALL} (or set BACKPROP_SKIP_BROWSER=1 to skip this test on purpose).`);
  }
}
