import { startServer } from "../helpers/server";

// One production server with a fresh database for the whole browser run.
export default async function globalSetup() {
  const server = await startServer({
    label: "e2e",
    port: Number(process.env.E2E_PORT ?? 3210),
    env: { AUTH_RATE_LIMIT: "false", ...extraEnv() },
  });
  return async () => {
    await server.close();
  };
}

function extraEnv(): Record<string, string> {
  // Reminders fire within a second of being due (tests/e2e/reminders.spec.ts).
  return { REMINDER_POLL_MS: "1000" };
}
