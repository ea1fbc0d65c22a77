// `prisma generate` without Prisma's native schema engine. Every Prisma CLI command tries to
// download that engine (which fails offline), although generate never uses it: point the CLI at
// a stub unless the caller chose an engine.
import { spawnSync } from "node:child_process";
import { chmodSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const stub = path.join(here, "no-schema-engine.sh");
chmodSync(stub, 0o755);
const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? stub };
const bin = path.join(here, "..", "node_modules", ".bin", process.platform === "win32" ? "prisma.cmd" : "prisma");
const result = spawnSync(bin, ["generate", ...process.argv.slice(2)], { stdio: "inherit", env });
process.exit(result.status ?? 1);
