// A stand-in for a browser push service (RFC 8030) on 127.0.0.1 over HTTPS with a self-signed
// certificate (web-push only speaks https). Servers that push to it need
// NODE_EXTRA_CA_CERTS=<fake.certFile> in their environment, read by Node at start-up.
// It records every POST, and can answer a chosen status per subscription (410: gone).
// `subscribe()` makes a browser-like subscription (a P-256 key pair and an auth secret) whose
// endpoint points here, so tests can decrypt what arrives with the subscriber's private key.
import { execFileSync } from "node:child_process";
import { type ECDH, createECDH, createPublicKey, randomBytes, verify } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import type { IncomingHttpHeaders } from "node:http";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { decrypt } from "http_ece";

export type PushRequest = { path: string; headers: IncomingHttpHeaders; body: Buffer };

export type Subscriber = {
  subscription: { endpoint: string; expirationTime: null; keys: { p256dh: string; auth: string } };
  /** The messages this subscription received, decrypted (aes128gcm) as the browser would. */
  received: () => unknown[];
};

export type FakePushService = {
  url: string;
  certFile: string;
  requests: PushRequest[];
  subscribe: (name: string) => Subscriber;
  /** Answer this status to pushes for `name` from now on (201 by default). */
  answer: (name: string, status: number) => void;
  close: () => Promise<void>;
};

function selfSignedCertificate(dir: string): { key: string; cert: string; certFile: string } {
  const keyFile = path.join(dir, "key.pem");
  const certFile = path.join(dir, "cert.pem");
  execFileSync(
    "openssl",
    [
      ...["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"],
      ...["-keyout", keyFile, "-out", certFile, "-days", "1", "-subj", "/CN=127.0.0.1"],
      ...["-addext", "subjectAltName=IP:127.0.0.1"],
    ],
    { stdio: "ignore" },
  );
  return { key: readFileSync(keyFile, "utf8"), cert: readFileSync(certFile, "utf8"), certFile };
}

export async function startFakePushService(): Promise<FakePushService> {
  const dir = mkdtempSync(path.join(tmpdir(), "taskchat-push-"));
  const { key, cert, certFile } = selfSignedCertificate(dir);
  const requests: PushRequest[] = [];
  const statuses = new Map<string, number>();
  const server = createServer({ key, cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const name = (req.url ?? "").replace(/^\/push\//, "");
      requests.push({ path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(statuses.get(name) ?? 201).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const subscribe = (name: string): Subscriber => {
    const ecdh: ECDH = createECDH("prime256v1");
    ecdh.generateKeys();
    const auth = randomBytes(16);
    const endpoint = `${url}/push/${name}`;
    return {
      subscription: {
        endpoint,
        expirationTime: null,
        keys: { p256dh: ecdh.getPublicKey().toString("base64url"), auth: auth.toString("base64url") },
      },
      received: () =>
        requests
          .filter((r) => r.path === `/push/${name}`)
          .map((r) =>
            JSON.parse(decrypt(r.body, { version: "aes128gcm", privateKey: ecdh, authSecret: auth }).toString("utf8")),
          ),
    };
  };

  return {
    url,
    certFile,
    requests,
    subscribe,
    answer: (name, status) => statuses.set(name, status),
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Checks a push request's VAPID authorization (RFC 8292): `vapid t=<JWT>, k=<public key>`, the
 * JWT signed (ES256) by that key, for the push service's origin, not expired. Returns the claims.
 */
export function verifyVapid(
  request: PushRequest,
  origin: string,
): { aud: string; exp: number; sub: string; k: string } {
  const match = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(String(request.headers.authorization));
  if (!match) throw new Error(`not a VAPID authorization: ${request.headers.authorization}`);
  const [, token = "", k = ""] = match;
  const [header = "", payload = "", signature = ""] = token.split(".");
  const raw = Buffer.from(k, "base64url");
  const publicKey = createPublicKey({
    key: {
      kty: "EC",
      crv: "P-256",
      x: raw.subarray(1, 33).toString("base64url"),
      y: raw.subarray(33).toString("base64url"),
    },
    format: "jwk",
  });
  const ok = verify(
    "sha256",
    Buffer.from(`${header}.${payload}`),
    { key: publicKey, dsaEncoding: "ieee-p1363" },
    Buffer.from(signature, "base64url"),
  );
  if (!ok) throw new Error("VAPID JWT signature does not verify");
  if (JSON.parse(Buffer.from(header, "base64url").toString()).alg !== "ES256")
    throw new Error("VAPID JWT is not ES256");
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString()) as { aud: string; exp: number; sub: string };
  if (claims.aud !== origin) throw new Error(`VAPID aud ${claims.aud} is not ${origin}`);
  if (claims.exp * 1000 < Date.now()) throw new Error("VAPID JWT expired");
  return { ...claims, k };
}
