import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "jsdom",
    setupFiles: ["./src/test/setup.ts"],
    include: ["src/**/*.test.tsx", "src/**/*.test.ts"],
    // A guard against a test that never ends, not a speed limit: a loaded 2-core machine
    // takes over 5 s (the default) for the tests that render a form once per core error.
    testTimeout: 60_000,
  },
});
