// Which Chromium the browser tests drive: Playwright's own when it is installed, else the
// system's (Debian's `chromium` package at /usr/bin/chromium).
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

const SYSTEM_CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

export function playwrightChromium(): string | undefined {
  try {
    const path = chromium.executablePath();
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

export function systemChromium(): string | undefined {
  return SYSTEM_CHROMIUM.find((p) => existsSync(p));
}

/** `executablePath` for Playwright: undefined means Playwright's bundled browser. */
export function chromiumExecutable(): string | undefined {
  if (playwrightChromium()) return undefined;
  const system = systemChromium();
  if (system) return system;
  throw new Error(
    "No Chromium found. Run `npx playwright install chromium`, or install your system's Chromium " +
      "(Debian/Ubuntu: `sudo apt-get install chromium`).",
  );
}

export const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
