// `npm start`: the production Next.js server, behind one adjustment that plain `next start` lacks.
// `next start` passes a client's own X-Forwarded-For header through untouched, which lets any
// client pick the address the sign-in rate limit counts. Here the header always ends with the
// address the connection really came from; with TRUSTED_PROXIES set (a reverse proxy in front),
// Better Auth walks the chain from the right past those proxies, otherwise it sees only the
// socket address. (On Vercel this file is not used: Vercel's edge sets the header itself.)
import { createServer } from "node:http";
import next from "next";

process.env.NODE_ENV = "production";
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOST || undefined;
const trustProxyChain = Boolean(process.env.TRUSTED_PROXIES?.trim());

const app = next({ dev: false, port, hostname });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  const peer = req.socket.remoteAddress ?? "";
  const forwarded = req.headers["x-forwarded-for"];
  const chain = trustProxyChain && typeof forwarded === "string" && forwarded.trim() ? `${forwarded}, ${peer}` : peer;
  req.headers["x-forwarded-for"] = chain;
  void handle(req, res);
});

server.listen(port, hostname, () => {
  console.log(`[taskchat] ready on http://${hostname ?? "localhost"}:${port}`);
});

// On SIGINT/SIGTERM: stop taking requests, let the reminder scheduler finish its pass (it sets
// globalThis.__taskchatShutdown, see lib/reminders/scheduler.ts), then exit, within 5 s.
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, async () => {
    server.close();
    const timeout = new Promise((resolve) => setTimeout(resolve, 5_000).unref());
    await Promise.race([globalThis.__taskchatShutdown?.(), timeout]).catch(() => {});
    process.exit(0);
  });
}
