/**
 * Test settings. Limits are hang guards, not speed checks: a shared or loaded machine may run a test
 * many times slower than an idle one, so no test fails for taking longer than 60 s.
 */
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
