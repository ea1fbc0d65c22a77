import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      // Next.js enforces "server-only" at build time; under Vitest the code simply runs on the server.
      "server-only": path.join(root, "tests/helpers/empty-module.ts"),
    },
  },
  test: {
    reporters: ["default"],
    // Integration files each get their own database and often their own server process; two
    // files at a time keeps two cores busy without starving those servers.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/helpers/global-setup.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
