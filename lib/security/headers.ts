// The browser-facing security headers, in one place: next.config.ts sends the static ones on
// every response, proxy.ts the per-request Content-Security-Policy (with its nonce) on pages.

/** OpenAI's ChatKit web component: its script, and the frame it renders the chat in. */
export const CHATKIT_ORIGIN = "https://cdn.platform.openai.com";

export type CspOptions = {
  nonce: string;
  /** `next dev` evaluates code for React's dev tooling and fast refresh. */
  development: boolean;
  /** The /chatkit page with a ChatKit domain key configured. */
  chatkit: boolean;
};

/**
 * The pages' policy. Next.js puts the nonce on its own inline and chunk scripts (it reads it from
 * this header on the request); scripts otherwise come only from the app's origin. Styles allow
 * inline `style` attributes (React, the Markdown renderer's highlighting). Images: the app's own
 * and data: URLs, never a remote host, so an image in a reply cannot send data anywhere.
 */
export function contentSecurityPolicy({ nonce, development, chatkit }: CspOptions): string {
  const script = [
    "'self'",
    `'nonce-${nonce}'`,
    ...(development ? ["'unsafe-eval'"] : []),
    ...(chatkit ? [CHATKIT_ORIGIN] : []),
  ];
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": script,
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-src": chatkit ? [CHATKIT_ORIGIN] : ["'none'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(" ")}`)
    .join("; ");
}

/** Non-page responses (the API, files) load nothing and are never framed. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/** Sent on every response. HSTS only from a production build (it is meaningless over plain HTTP). */
export function staticSecurityHeaders(production: boolean): { key: string; value: string }[] {
  return [
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "X-Frame-Options", value: "DENY" },
    {
      key: "Permissions-Policy",
      value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()",
    },
    ...(production ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
  ];
}
