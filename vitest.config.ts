import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL(".", import.meta.url)),
      // "server-only" throws outside React Server Components; unit tests exercise server modules directly.
      "server-only": fileURLToPath(new URL("./lib/testing/server-only-shim.ts", import.meta.url)),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "sim/**/*.test.ts", "scripts/**/*.test.ts", "components/**/*.test.ts"],
    environment: "node",
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
