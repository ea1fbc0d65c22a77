import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Loaded by Node at run time, never bundled: the embedded database and its migration engine
  // read their .wasm/.data files from node_modules.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/schema-engine-wasm",
    "proper-lockfile",
  ],
};

export default nextConfig;
