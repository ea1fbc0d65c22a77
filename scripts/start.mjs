// `npm start [-- -p PORT] [-- -H HOST]`: the production Next.js server, with what plain
// `next start` lacks.
// - X-Forwarded-For: `next start` passes a client's own header through untouched, which lets any
//   client pick the address the sign-in rate limit counts. Here the header always ends with the
//   address the connection really came from; with TRUSTED_PROXIES set (a reverse proxy in front),
//   Better Auth walks the chain from the right past those proxies, otherwise it sees only the
//   socket address. (On Vercel this file is not used: Vercel's edge sets the header itself.)
// - A path with a malformed %-escape is a JSON 400 here, not Next's plain 500 page.
// - `-H`/`--hostname` and `-p`/`--port` are honoured like `next start`'s (then HOST and PORT).
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import next from "next";

const { values: args } = parseArgs({
  options: { hostname: { type: "string", short: "H" }, port: { type: "string", short: "p" } },
  strict: true,
});

process.env.NODE_ENV = "production";
const port = Number(args.port || process.env.PORT || 3000);
const hostname = args.hostname || process.env.HOST || undefined;
const trustProxyChain = Boolean(process.env.TRUSTED_PROXIES?.trim());

const app = next({ dev: false, port, hostname });
const handle = app.getRequestHandler();
await app.prepare();

function wellFormedPath(url) {
  try {
    decodeURIComponent((url ?? "/").split("?")[0]);
    return true;
  } catch {
    return false;
  }
}

const server = createServer((req, res) => {
  if (!wellFormedPath(req.url)) {
    res.writeHead(400, { "content-type": "application/json", "x-content-type-options": "nosniff" });
    res.end(JSON.stringify({ error: "invalid_request", message: "The URL's path has a malformed %-escape" }));
    return;
  }
  const peer = req.socket.remoteAddress ?? "";
  const forwarded = req.headers["x-forwarded-for"];
  const chain = trustProxyChain && typeof forwarded === "string" && forwarded.trim() ? `${forwarded}, ${peer}` : peer;
  req.headers["x-forwarded-for"] = chain;
  void handle(req, res);
});

server.listen(port, hostname, () => {
  console.log(`[taskchat] ready on http://${hostname ?? "localhost"}:${port}`);
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close();
    process.exit(0);
  });
}
