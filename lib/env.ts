// The environment, validated once. Every variable is documented in .env.example; nothing else
// in the code reads process.env directly.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const optionalString = z
  .string()
  .trim()
  .transform((v) => v || undefined)
  .optional();
const flag = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((v) => (v === undefined || v === "" ? undefined : v === "true" || v === "1"));
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  VERCEL: optionalString,
  PORT: positiveInt(3000),

  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
      .optional(),
  ),
  // Non-pooled URL: `prisma migrate deploy`, and the LISTEN connection of live sync (a
  // transaction-mode pooler such as Neon's cannot LISTEN).
  DIRECT_DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
      .optional(),
  ),
  DATABASE_POOL_SIZE: positiveInt(10),
  PGLITE_DIR: optionalString,

  BETTER_AUTH_SECRET: optionalString.pipe(z.string().min(32, "must be at least 32 characters").optional()),
  BETTER_AUTH_URL: optionalString.pipe(z.url().optional()),
  TRUSTED_ORIGINS: optionalString,
  TRUSTED_PROXIES: optionalString,
  AUTH_RATE_LIMIT: flag,
  // Mail (email verification, sign-up notices): smtp://user:pass@host:587 or smtps://…
  SMTP_URL: optionalString.pipe(
    z
      .string()
      .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
      .optional(),
  ),
  MAIL_FROM: optionalString,

  GEMINI_API_KEY: optionalString,
  GOOGLE_GENERATIVE_AI_API_KEY: optionalString,
  GEMINI_MODEL: optionalString.transform((v) => v ?? "gemini-2.5-flash"),
  GEMINI_BASE_URL: optionalString.pipe(z.url().optional()),
  AI_PROVIDER: z.enum(["gemini", "openai-compatible", "offline", ""]).optional(),
  OPENAI_COMPATIBLE_BASE_URL: optionalString.pipe(z.url().optional()),
  OPENAI_COMPATIBLE_MODEL: optionalString,
  OPENAI_COMPATIBLE_API_KEY: optionalString,

  CHAT_HISTORY_TOKENS: positiveInt(8000),
  CHAT_MAX_STEPS: positiveInt(5),
  CHAT_RATE_LIMIT: positiveInt(20),
  // Task writes per user per minute through REST, MCP and the pages; tasks one user may hold.
  WRITE_RATE_LIMIT: positiveInt(120),
  MAX_TASKS_PER_USER: positiveInt(100_000),
  CHAT_TIMEOUT_MS: positiveInt(5000),
  // Live sync: an event stream ends after this long and the browser resumes it (serverless hosts
  // cap a response's duration); a heartbeat comment keeps proxies from closing an idle one.
  EVENTS_STREAM_MAX_SECONDS: z.coerce.number().int().positive().optional(),
  EVENTS_HEARTBEAT_SECONDS: positiveInt(10),
  // OpenAI's ChatKit UI on /chatkit (its domain allowlist key); without it the page explains.
  NEXT_PUBLIC_CHATKIT_DOMAIN_KEY: optionalString,
  // Reminders: Web Push keys (dev generates a pair in .data/), the scheduler's period, the cron secret.
  VAPID_PUBLIC_KEY: optionalString,
  VAPID_PRIVATE_KEY: optionalString,
  VAPID_SUBJECT: optionalString.pipe(
    z
      .string()
      .regex(/^(mailto:|https:\/\/)/, "must be a mailto: address or an https:// URL")
      .optional(),
  ),
  // Push services a browser's subscription may point at (a host or a parent domain, comma
  // separated): the server POSTs to that URL, so nothing else is accepted (SSRF).
  PUSH_ENDPOINT_HOSTS: z
    .string()
    .optional()
    .transform((v) =>
      (v?.trim() ? v : "fcm.googleapis.com,push.services.mozilla.com,notify.windows.com,push.apple.com")
        .split(",")
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean),
    ),
  REMINDER_POLL_MS: z.coerce.number().int().min(100).default(10_000),
  // 0 turns the in-process scheduler off (serverless hosts, where the cron route does the work).
  REMINDER_SCHEDULER: flag,
  CRON_SECRET: optionalString,
  // Test and benchmark hooks, off unless set.
  OFFLINE_MODEL_DELAY_MS: z.coerce.number().int().min(0).default(0),
  DB_QUERY_STATS: flag,
});

export type Env = z.infer<typeof schema> & {
  BETTER_AUTH_SECRET: string;
  BETTER_AUTH_URL: string;
  PGLITE_DIR: string;
  isProduction: boolean;
};

/** Where development keeps what it generates once (the embedded database, a secret, VAPID keys). */
export const dataDir = path.join(process.cwd(), ".data");

// Development convenience: a random secret, generated once and kept in .data/ so sessions
// survive restarts. Production never gets here.
function devSecret(): string {
  const file = path.join(dataDir, "dev-auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const secret = randomBytes(32).toString("base64url");
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, secret, { mode: 0o600 });
  console.warn(`[taskchat] BETTER_AUTH_SECRET is not set: generated a development secret in ${file}`);
  return secret;
}

function load(): Env {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment (see .env.example):\n${lines.join("\n")}`);
  }
  const env = parsed.data;
  const isProduction = env.NODE_ENV === "production";
  // `next build` runs with NODE_ENV=production but serves nobody; the secret is checked when
  // the server starts (instrumentation.ts) and whenever auth is used.
  const building = process.env.NEXT_PHASE === "phase-production-build";
  let secret = env.BETTER_AUTH_SECRET;
  if (!secret) {
    if (isProduction && !building) {
      throw new Error("BETTER_AUTH_SECRET is required in production (generate one: openssl rand -base64 32)");
    }
    secret = building ? "build-time-placeholder-secret-not-used-at-runtime" : devSecret();
  }
  const vercelUrl = process.env.VERCEL_PROJECT_PRODUCTION_URL;
  return {
    ...env,
    isProduction,
    BETTER_AUTH_SECRET: secret,
    BETTER_AUTH_URL: env.BETTER_AUTH_URL ?? (vercelUrl ? `https://${vercelUrl}` : `http://localhost:${env.PORT}`),
    PGLITE_DIR: env.PGLITE_DIR ?? path.join(dataDir, "pglite"),
  };
}

let cached: Env | undefined;

/** The validated environment, read on first use (never at import, so builds stay hermetic). */
export function env(): Env {
  cached ??= load();
  return cached;
}
